import { mkdirSync, writeFileSync } from 'node:fs';
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
