import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValueError } from '@strata/core';
import { readFer2013Csv } from '@strata/data';
import { useTempDir } from './helpers/temp_dir';

const HEADER = 'emotion,pixels,Usage';
const tempDir = useTempDir('csv');

/** 2,304 pixels, pixel i = (seed + i) % 256, as the CSV's space-separated field. */
function pixelField(seed: number): string {
  return Array.from({ length: 2304 }, (_, i) => (seed + i) % 256).join(' ');
}

function writeCsv(name: string, lines: string[]): string {
  const path = join(tempDir(), name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const validRows = [
  `0,${pixelField(0)},Training`,
  `3,${pixelField(10)},Training`,
  `6,${pixelField(20)},Training`,
  `5,${pixelField(30)},PublicTest`,
  `2,${pixelField(40)},PrivateTest`,
  `4,${pixelField(50)},PrivateTest`,
];

describe('readFer2013Csv', () => {
  it('reads every split into [n, 48, 48, 1] images scaled to [0, 1] with int32 labels', async () => {
    const { train, publicTest, privateTest } = await readFer2013Csv(writeCsv('valid.csv', [HEADER, ...validRows]));
    expect(train.x.shape).toEqual([3, 48, 48, 1]);
    expect(publicTest.x.shape).toEqual([1, 48, 48, 1]);
    expect(privateTest.x.shape).toEqual([2, 48, 48, 1]);
    expect(Array.from(train.y.values)).toEqual([0, 3, 6]);
    expect(train.y.dtype).toBe('int32');
    expect(Array.from(publicTest.y.values)).toEqual([5]);
    expect(Array.from(privateTest.y.values)).toEqual([2, 4]);
    // Second training row, pixel 7 (row 0, column 7): (10 + 7) / 255.
    expect(train.x.values[2304 + 7]).toBeCloseTo(17 / 255, 6);
    // Wrap-around pixel of the last private row: (50 + 300) % 256 = 94.
    expect(privateTest.x.values[2304 + 300]).toBeCloseTo(94 / 255, 6);
  });

  it('keeps 0..255 values without normalize, gives one-hot labels with oneHot, and stops at limit', async () => {
    const path = writeCsv('raw.csv', [HEADER, ...validRows]);
    const raw = await readFer2013Csv(path, { normalize: false, oneHot: true });
    expect(raw.train.x.values[2304 + 7]).toBe(17);
    expect(raw.train.y.shape).toEqual([3, 7]);
    expect(Array.from(raw.train.y.values.subarray(7, 14))).toEqual([0, 0, 0, 1, 0, 0, 0]);
    const limited = await readFer2013Csv(path, { limit: 4 });
    expect([limited.train.x.shape[0], limited.publicTest.x.shape[0], limited.privateTest.x.shape[0]]).toEqual([3, 1, 0]);
    expect(limited.privateTest.x.shape).toEqual([0, 48, 48, 1]);
  });

  it('accepts CRLF line endings, quoted fields and reordered, space-padded header columns', async () => {
    const path = join(tempDir(), 'crlf.csv');
    writeFileSync(path, `emotion, Usage, pixels\r\n1,Training,"${pixelField(3)}"\r\n`);
    const { train } = await readFer2013Csv(path);
    expect(Array.from(train.y.values)).toEqual([1]);
    expect(train.x.values[0]).toBeCloseTo(3 / 255, 6);
  });

  it.each([
    ['a row with too few pixels', `1,${pixelField(0).split(' ').slice(0, 2000).join(' ')},Training`, /line 3: found 2000 pixels, expected 2304/],
    ['a non-numeric pixel', `1,${pixelField(0).replace(/^0 1 2/, '0 x7 2')},Training`, /line 3: pixel 2 is 'x7', expected an integer in 0\.\.255/],
    ['a pixel above 255', `1,${pixelField(0).replace(/^0 1 2/, '0 1 256')},Training`, /line 3: pixel 3 is '256', expected an integer in 0\.\.255/],
    ['a label out of range', `7,${pixelField(0)},Training`, /line 3: emotion '7' is not a class index in 0\.\.6/],
    ['an unknown Usage', `1,${pixelField(0)},Validation`, /line 3: Usage 'Validation' is not one of Training, PublicTest, PrivateTest/],
    ['a missing field', `1,${pixelField(0)}`, /line 3: found 2 fields, expected 3/],
  ])('rejects %s with a ValueError naming the line', async (_case, badRow, message) => {
    const path = writeCsv('bad.csv', [HEADER, validRows[0], badRow, validRows[1]]);
    const read = readFer2013Csv(path);
    await expect(read).rejects.toThrow(ValueError);
    await expect(readFer2013Csv(path)).rejects.toThrow(message);
  });

  it('rejects a bad header, saying what was expected and what was found', async () => {
    const path = writeCsv('header.csv', ['label,image,split', validRows[0]]);
    await expect(readFer2013Csv(path)).rejects.toThrow(ValueError);
    await expect(readFer2013Csv(path)).rejects.toThrow(/line 1: expected the header 'emotion,pixels,Usage' .*found 'label,image,split'/);
  });

  it('rejects a headerless file, quoting only the start of its first row', async () => {
    const path = writeCsv('headerless.csv', validRows);
    const error = await readFer2013Csv(path).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toMatch(/line 1: expected the header .*found '0,0 1 2 3 .*\.\.\.'$/);
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it('rejects an empty file', async () => {
    const path = join(tempDir(), 'empty.csv');
    writeFileSync(path, '');
    await expect(readFer2013Csv(path)).rejects.toThrow(/is empty; expected the header/);
  });

  it('rejects a missing file with an error naming the path', async () => {
    const path = join(tempDir(), 'does-not-exist.csv');
    await expect(readFer2013Csv(path)).rejects.toThrow(ValueError);
    await expect(readFer2013Csv(path)).rejects.toThrow(`cannot open '${path}': ENOENT`);
  });
});
