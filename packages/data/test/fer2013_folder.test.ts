import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { ValueError } from '@strata/core';
import { readImageFolder } from '@strata/data';
import { useTempDir } from './helpers/temp_dir';

const tempDir = useTempDir('folder');

type Rgba = (x: number, y: number) => [number, number, number, number];

function rgbaBuffer(width: number, height: number, pixel: Rgba): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  }
  return data;
}

function writePng(path: string, width: number, height: number, pixel: Rgba): void {
  const png = new PNG({ width, height });
  rgbaBuffer(width, height, pixel).copy(png.data);
  writeFileSync(path, PNG.sync.write(png));
}

function writeJpeg(path: string, width: number, height: number, pixel: Rgba): void {
  writeFileSync(path, encodeJpeg({ width, height, data: rgbaBuffer(width, height, pixel) }, 95).data);
}

function makeDirs(root: string, ...names: string[]): void {
  for (const n of names) mkdirSync(join(root, n), { recursive: true });
}

describe('readImageFolder', () => {
  let root = '';
  beforeAll(() => {
    root = join(tempDir(), 'train');
    makeDirs(root, 'angry', 'Happy', 'surprised', 'contempt');
    // 48x48 grey, value 100, half transparent in its top-left pixel.
    writePng(join(root, 'angry', 'a.png'), 48, 48, (x, y) => [100, 100, 100, x === 0 && y === 0 ? 51 : 255]);
    // 96x96 RGB, left half orange, right half black: downscaled by area averaging.
    writePng(join(root, 'Happy', 'b.png'), 96, 96, (x) => (x < 48 ? [200, 100, 50, 255] : [0, 0, 0, 255]));
    // 24x24 horizontal ramp 0, 10, 20, ...: upscaled bilinearly.
    writePng(join(root, 'Happy', 'c.PNG'), 24, 24, (x) => [10 * x, 10 * x, 10 * x, 255]);
    writeJpeg(join(root, 'surprised', 'd.jpg'), 48, 48, () => [128, 128, 128, 255]);
    writeFileSync(join(root, 'Happy', 'notes.txt'), 'not an image');
    writePng(join(root, 'contempt', 'e.png'), 48, 48, () => [0, 0, 0, 255]);
  });

  it('reads known class folders in FER2013 order with their label indices, skipping other folders and files', async () => {
    const { x, y, labels, files } = await readImageFolder(root);
    expect(x.shape).toEqual([4, 48, 48, 1]);
    expect(Array.from(y.values)).toEqual([0, 3, 3, 5]);
    expect(Array.from(labels)).toEqual([0, 3, 3, 5]);
    expect(files.map((f) => f.slice(root.length + 1))).toEqual([
      join('angry', 'a.png'), join('Happy', 'b.png'), join('Happy', 'c.PNG'), join('surprised', 'd.jpg'),
    ]);
  });

  it('converts to grey with BT.601 luma, compositing alpha over black', async () => {
    const { x } = await readImageFolder(root, { normalize: false });
    expect(x.values[1]).toBeCloseTo(100, 3);
    expect(x.values[0]).toBeCloseTo((100 * 51) / 255, 3);
    // Orange (200, 100, 50): 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2.
    const orange = 2304 + 10 * 48 + 5;
    expect(x.values[orange]).toBeCloseTo(124.2, 3);
    expect(x.values[orange + 30]).toBeCloseTo(0, 3);
    // JPEG is lossy: within a few levels.
    expect(Math.abs(x.values[3 * 2304 + 1000] - 128)).toBeLessThan(3);
  });

  it('resizes a smaller image bilinearly to 48x48 and a larger one by area averaging', async () => {
    const { x } = await readImageFolder(root, { normalize: false });
    const ramp = 2 * 2304 + 20 * 48;
    // Output column o samples source column (o + 0.5) / 2 - 0.5: o = 3 -> 1.25 -> value 12.5.
    expect(x.values[ramp + 3]).toBeCloseTo(12.5, 3);
    expect(x.values[ramp]).toBeCloseTo(0, 3);
    expect(x.values[ramp + 47]).toBeCloseTo(230, 3);
    // The orange/black edge of the 96-wide image falls exactly between output columns 23 and 24.
    expect(x.values[2304 + 23]).toBeCloseTo(124.2, 3);
    expect(x.values[2304 + 24]).toBeCloseTo(0, 3);
  });

  it('scales to [0, 1], resizes to `size`, and gives one-hot labels on request', async () => {
    const { x, y } = await readImageFolder(root, { size: 32, oneHot: true });
    expect(x.shape).toEqual([4, 32, 32, 1]);
    expect(x.values[5]).toBeCloseTo(100 / 255, 4);
    expect(y.shape).toEqual([4, 7]);
    expect(Array.from(y.values.subarray(7, 14))).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it('rejects a folder without class subfolders, listing what it found and what it accepts', async () => {
    const dir = join(tempDir(), 'pets');
    makeDirs(dir, 'cats', 'dogs');
    await expect(readImageFolder(dir)).rejects.toThrow(ValueError);
    await expect(readImageFolder(dir)).rejects.toThrow(/has no class subfolder; found 'cats', 'dogs', expected .*angry, disgust, fear, happy, sad, surprise, neutral, disgusted, fearful, surprised/);
  });

  it('rejects an undecodable image with an error naming the file', async () => {
    const dir = join(tempDir(), 'broken');
    makeDirs(dir, 'sad', 'fear');
    const garbage = join(dir, 'sad', 'x.jpg');
    writeFileSync(garbage, 'this is not a jpeg');
    await expect(readImageFolder(dir)).rejects.toThrow(`readImageFolder: cannot decode image '${garbage}': not a PNG or JPEG`);
    // A PNG signature followed by junk fails inside the decoder; the file is still named.
    writeFileSync(garbage, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]));
    await expect(readImageFolder(dir)).rejects.toThrow(`cannot decode image '${garbage}': `);
  });

  it('rejects class folders that hold no images', async () => {
    const dir = join(tempDir(), 'hollow');
    makeDirs(dir, 'neutral');
    await expect(readImageFolder(dir)).rejects.toThrow(/class folders of '.*hollow' \(neutral\) hold no \.png, \.jpg or \.jpeg files/);
  });

  it('rejects a missing directory with an error naming it', async () => {
    const dir = join(tempDir(), 'nowhere');
    await expect(readImageFolder(dir)).rejects.toThrow(`readImageFolder: cannot read directory '${dir}': ENOENT`);
  });
});

describe('readImageFolder refuses oversized images from their header, before decoding (issue 13)', () => {
  /** A 2x2 PNG whose IHDR then claims width x height: a tiny file a decoder would take as huge. */
  function pngClaiming(path: string, width: number, height: number): void {
    writePng(path, 2, 2, () => [9, 9, 9, 255]);
    const bytes = readFileSync(path);
    bytes.writeUInt32BE(width, 16);
    bytes.writeUInt32BE(height, 20);
    writeFileSync(path, bytes);
  }

  /** A 16x8 JPEG whose frame header then claims width x height. */
  function jpegClaiming(path: string, width: number, height: number): void {
    writeJpeg(path, 16, 8, () => [50, 50, 50, 255]);
    const bytes = readFileSync(path);
    let i = 2;
    while (!(bytes[i + 1] >= 0xc0 && bytes[i + 1] <= 0xc2)) i += 2 + bytes.readUInt16BE(i + 2);
    expect([bytes.readUInt16BE(i + 7), bytes.readUInt16BE(i + 5)]).toEqual([16, 8]);
    bytes.writeUInt16BE(height, i + 5);
    bytes.writeUInt16BE(width, i + 7);
    writeFileSync(path, bytes);
  }

  let root = '';
  beforeAll(() => {
    root = join(tempDir(), 'oversized');
    makeDirs(root, 'angry', 'sad');
    writePng(join(root, 'angry', 'ok.png'), 48, 48, () => [100, 100, 100, 255]);
    pngClaiming(join(root, 'angry', 'bomb.png'), 10000, 10000);
    jpegClaiming(join(root, 'sad', 'wide.jpg'), 5000, 8);
  });

  it('refuses by default, naming the file, its size and the cap', async () => {
    const bomb = join(root, 'angry', 'bomb.png');
    const error = await readImageFolder(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toBe(
      `readImageFolder: image '${bomb}' is 10000x10000, over the maxImageSize of 4096 (raise maxImageSize, or pass oversized: 'skip' to leave such images out)`,
    );
  });

  it("with oversized: 'skip', leaves them out and reports them", async () => {
    const data = await readImageFolder(root, { oversized: 'skip' });
    expect(data.x.shape).toEqual([1, 48, 48, 1]);
    expect(data.files).toEqual([join(root, 'angry', 'ok.png')]);
    expect(Array.from(data.labels)).toEqual([0]);
    expect(data.skipped).toEqual([
      { file: join(root, 'angry', 'bomb.png'), width: 10000, height: 10000 },
      { file: join(root, 'sad', 'wide.jpg'), width: 5000, height: 8 },
    ]);
  });

  it('a real image within a raised cap decodes; the cap counts width and height separately', async () => {
    const dir = join(tempDir(), 'wide');
    makeDirs(dir, 'happy');
    writePng(join(dir, 'happy', 'strip.png'), 4100, 2, () => [200, 200, 200, 255]);
    await expect(readImageFolder(dir)).rejects.toThrow("image '" + join(dir, 'happy', 'strip.png') + "' is 4100x2, over the maxImageSize of 4096");
    const data = await readImageFolder(dir, { maxImageSize: 4100, size: 4 });
    expect(Array.from(data.x.values).every((v) => Math.abs(v - 200 / 255) < 1e-6)).toBe(true);
  });

  it('checks its options', async () => {
    await expect(readImageFolder(root, { maxImageSize: 0 })).rejects.toThrow('readImageFolder: maxImageSize must be a positive integer, got 0');
    await expect(readImageFolder(root, { oversized: 'drop' as 'skip' })).rejects.toThrow(`readImageFolder: oversized must be 'error' or 'skip', got "drop"`);
    await expect(readImageFolder(root, { maxSize: 5 } as object)).rejects.toThrow(/readImageFolder: unknown option 'maxSize'/);
  });
});
