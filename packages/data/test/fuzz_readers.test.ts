// Seeded fuzzing of the FER2013 readers (issue 13): a few hundred one-place mutations of a valid
// CSV file and of the images of a valid class folder. Each must end in a StrataError or in a
// well-formed result (images [n, 48, 48, 1] with every pixel in [0, 1], labels 0..6); never in
// another error, a hang, or a large allocation.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { makeRng, mutateBytes, mutateText, StrataError, type Tensor } from '@strata/core';
import { readFer2013Csv, readImageFolder } from '@strata/data';
import { useTempDir } from './helpers/temp_dir';

const tempDir = useTempDir('fuzz');
const MAX_GROWTH_BYTES = 200e6;

/** Images [n, 48, 48, 1] in [0, 1] and n labels in 0..6 (int32 indices or one-hot rows). */
function expectWellFormed(x: Tensor, labels: ArrayLike<number>, label: string): void {
  const n = x.shape[0];
  expect({ label, shape: x.shape, labels: labels.length }).toEqual({ label, shape: [n, 48, 48, 1], labels: n });
  const bad = Array.from(x.values).findIndex((v) => !(v >= 0 && v <= 1));
  expect({ label, bad }).toEqual({ label, bad: -1 });
  expect({ label, ok: Array.from(labels).every((c) => Number.isInteger(c) && c >= 0 && c <= 6) }).toEqual({ label, ok: true });
}

/** Runs `read` on each of `cases` mutations; a StrataError or a well-formed result, and bounded memory. */
async function fuzz(cases: number, mutate: (i: number) => string, read: (target: string) => Promise<void>): Promise<Record<string, number>> {
  const outcomes = { error: 0, read: 0 };
  const baseline = process.memoryUsage().rss;
  let peak = 0;
  for (let i = 0; i < cases; i++) {
    const label = mutate(i);
    try {
      await read(label);
      outcomes.read++;
    } catch (e) {
      if (!(e instanceof StrataError)) throw new Error(`${label}: threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      outcomes.error++;
    }
    peak = Math.max(peak, process.memoryUsage().rss - baseline);
  }
  expect(peak).toBeLessThan(MAX_GROWTH_BYTES);
  return outcomes;
}

describe('readFer2013Csv under seeded mutations', () => {
  test('300 mutations: each a StrataError or well-formed splits', async () => {
    const pixels = (seed: number): string => Array.from({ length: 2304 }, (_, i) => (seed * 7 + i) % 256).join(' ');
    const rows = [[0, 'Training'], [3, 'Training'], [6, 'Training'], [5, 'PublicTest'], [2, 'PrivateTest'], [4, 'PrivateTest']];
    const valid = ['emotion,pixels,Usage', ...rows.map(([c, usage], i) => `${c},${pixels(i)},${usage}`)].join('\n') + '\n';
    const rng = makeRng('fuzz-csv');
    const path = join(tempDir(), 'fer2013.csv');
    const outcomes = await fuzz(300, (i) => {
      const m = mutateText(valid, rng);
      writeFileSync(path, m.data);
      return `case ${i}: ${m.what}`;
    }, async (label) => {
      const oneHot = label.length % 2 === 0;
      const splits = await readFer2013Csv(path, { oneHot });
      for (const split of [splits.train, splits.publicTest, splits.privateTest]) {
        const y = Array.from(split.y.values);
        const classes = oneHot ? Array.from({ length: y.length / 7 }, (_, r) => y.slice(r * 7, r * 7 + 7).indexOf(1)) : y;
        expectWellFormed(split.x, classes, label);
      }
    });
    expect(outcomes.error).toBeGreaterThan(50);
    expect(outcomes.read).toBeGreaterThan(10);
  }, 120_000);
});

describe('readImageFolder under seeded mutations', () => {
  test('300 mutations of one image: each a StrataError or well-formed images', async () => {
    const root = join(tempDir(), 'folder');
    const files: string[] = [];
    const add = (cls: string, name: string, bytes: Uint8Array): void => {
      mkdirSync(join(root, cls), { recursive: true });
      writeFileSync(join(root, cls, name), bytes);
      files.push(join(root, cls, name));
    };
    const rgba = (w: number, h: number): Buffer => Buffer.from(Array.from({ length: w * h * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256)));
    const png = (w: number, h: number): Buffer => {
      const p = new PNG({ width: w, height: h });
      rgba(w, h).copy(p.data);
      return PNG.sync.write(p);
    };
    add('angry', 'a.png', png(48, 48));
    add('happy', 'b.png', png(20, 30));
    add('happy', 'c.jpg', encodeJpeg({ width: 40, height: 24, data: rgba(40, 24) }, 90).data);
    add('sad', 'd.jpeg', encodeJpeg({ width: 64, height: 64, data: rgba(64, 64) }, 90).data);
    const originals = files.map((f) => readFileSync(f));

    const rng = makeRng('fuzz-image-folder');
    let previous = -1;
    const outcomes = await fuzz(300, (i) => {
      if (previous >= 0) writeFileSync(files[previous], originals[previous]);
      previous = Math.floor(rng() * files.length);
      const m = mutateBytes(originals[previous], rng);
      writeFileSync(files[previous], m.data);
      return `case ${i}: ${files[previous].slice(root.length)}: ${m.what}`;
    }, async (label) => {
      const data = await readImageFolder(root, { oversized: label.length % 2 === 0 ? 'skip' : 'error' });
      expect({ label, count: data.files.length + data.skipped.length }).toEqual({ label, count: files.length });
      expectWellFormed(data.x, data.labels, label);
    });
    expect(outcomes.error).toBeGreaterThan(50);
    expect(outcomes.read).toBeGreaterThan(10);
  }, 120_000);
});
