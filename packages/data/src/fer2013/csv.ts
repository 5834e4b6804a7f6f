import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { optionKeys, checkOptions, StrataError, tensor, ValueError } from '@strata/core';
import { FER2013_IMAGE_SIZE, FER2013_NUM_CLASSES } from '../classes';
import type { LabeledData } from '../types';
import { labelTensor } from '../util/labels';
import { GrowableBytes } from '../util/growable_bytes';

/** Options of {@link readFer2013Csv}. */
export interface ReadFer2013CsvOptions {
  /** Scale pixels from 0..255 to [0, 1]. Default true. */
  normalize?: boolean;
  /** Return y as float32 [n, 7] one-hot rows instead of int32 [n] class indices. Default false. */
  oneHot?: boolean;
  /** Stop after this many data rows (over all splits), e.g. for a quick experiment. */
  limit?: number;
}

/** The three FER2013 splits, each x float32 [n, 48, 48, 1] and y as requested. */
export interface Fer2013Splits {
  /** `Usage` = Training (28,709 rows in the original file). */
  train: LabeledData;
  /** `Usage` = PublicTest (3,589 rows): the usual validation set. */
  publicTest: LabeledData;
  /** `Usage` = PrivateTest (3,589 rows): the usual test set. */
  privateTest: LabeledData;
}

const PIXELS = FER2013_IMAGE_SIZE * FER2013_IMAGE_SIZE;
const EXPECTED_HEADER = 'emotion,pixels,Usage';
const SPLITS: ReadonlyMap<string, keyof Fer2013Splits> = new Map<string, keyof Fer2013Splits>([
  ['Training', 'train'],
  ['PublicTest', 'publicTest'],
  ['PrivateTest', 'privateTest'],
]);

/** Column positions, from the header. Re-exports of the file reorder them (icml_face_data.csv). */
interface Columns { emotion: number; pixels: number; usage: number; count: number }

function parseHeader(line: string, path: string): Columns {
  const names = line.replace(/^\uFEFF/, '').split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const cols = { emotion: names.indexOf('emotion'), pixels: names.indexOf('pixels'), usage: names.indexOf('Usage'), count: names.length };
  if (cols.emotion < 0 || cols.pixels < 0 || cols.usage < 0 || names.length !== 3) {
    // A headerless file would print 9 KB of pixels here; the start is enough to recognise it.
    const found = line.length > 80 ? `${line.slice(0, 80)}...` : line;
    throw new ValueError(`readFer2013Csv: ${path} line 1: expected the header '${EXPECTED_HEADER}' (columns in any order), found '${found}'`);
  }
  return cols;
}

/** Parses 2,304 space-separated 0..255 integers into `out` at `offset`, without splitting into strings. */
function parsePixels(field: string, out: Uint8Array, offset: number, where: string): void {
  let count = 0;
  let value = -1;
  let tokenStart = 0;
  let bad = false;
  const end = field.length;
  for (let i = 0; i <= end; i++) {
    const ch = i < end ? field.charCodeAt(i) : 32;
    if (ch === 32 || ch === 9) {
      if (value < 0 && !bad) continue;
      if (bad || value > 255) {
        throw new ValueError(`${where}: pixel ${count + 1} is '${field.slice(tokenStart, i)}', expected an integer in 0..255`);
      }
      if (count < PIXELS) out[offset + count] = value;
      count++;
      value = -1;
    } else {
      if (value < 0 && !bad) tokenStart = i;
      if (ch >= 48 && ch <= 57) value = (value < 0 ? 0 : Math.min(value, 1000) * 10) + (ch - 48);
      else bad = true;
    }
  }
  if (count !== PIXELS) throw new ValueError(`${where}: found ${count} pixels, expected ${PIXELS} (48 x 48)`);
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** Accumulates one split: raw pixels as bytes (a quarter of float32's memory) until the end. */
class SplitBuilder {
  readonly pixels = new GrowableBytes(PIXELS * 256);
  readonly labels: number[] = [];

  build(normalize: boolean, oneHot: boolean): LabeledData {
    const n = this.labels.length;
    const bytes = this.pixels.view();
    const x = new Float32Array(n * PIXELS);
    const k = normalize ? 1 / 255 : 1;
    for (let i = 0; i < x.length; i++) x[i] = bytes[i] * k;
    return {
      x: tensor(x, [n, FER2013_IMAGE_SIZE, FER2013_IMAGE_SIZE, 1]),
      y: labelTensor(Int32Array.from(this.labels), FER2013_NUM_CLASSES, oneHot),
    };
  }
}

async function assertReadableFile(path: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (e) {
    throw new ValueError(`readFer2013Csv: cannot open '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (!isFile) throw new ValueError(`readFer2013Csv: '${path}' is not a file`);
}

/**
 * Reads the FER2013 CSV (`fer2013.csv`, header `emotion,pixels,Usage`) into its three splits,
 * streaming it line by line: the file is about 290 MB of text and is never held whole. Pixels
 * are held as bytes while reading and converted to float32 once at the end.
 *
 * Every malformed row is an error naming the file and line: a pixel count other than 2,304, a
 * non-integer or out-of-range pixel, an emotion outside 0..6, or a Usage other than Training,
 * PublicTest and PrivateTest.
 *
 * @example
 * const { train, publicTest, privateTest } = await readFer2013Csv('data/fer2013.csv', { oneHot: true });
 */
export async function readFer2013Csv(path: string, options: ReadFer2013CsvOptions = {}): Promise<Fer2013Splits> {
  checkOptions(options, optionKeys<ReadFer2013CsvOptions>()({ normalize: true, oneHot: true, limit: true }), 'readFer2013Csv');
  const { normalize = true, oneHot = false, limit = Infinity } = options;
  if (!(limit >= 0) || (limit !== Infinity && !Number.isInteger(limit))) {
    throw new ValueError(`readFer2013Csv: limit must be a non-negative integer, got ${limit}`);
  }
  await assertReadableFile(path);
  const builders: Record<keyof Fer2013Splits, SplitBuilder> = {
    train: new SplitBuilder(), publicTest: new SplitBuilder(), privateTest: new SplitBuilder(),
  };
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let columns: Columns | null = null;
  let lineNo = 0;
  let rows = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (columns === null) {
        columns = parseHeader(line, path);
        continue;
      }
      if (rows >= limit) break;
      if (line.trim() === '') continue;
      const where = `readFer2013Csv: ${path} line ${lineNo}`;
      const fields = line.split(',');
      if (fields.length !== columns.count) {
        throw new ValueError(`${where}: found ${fields.length} fields, expected ${columns.count} (${EXPECTED_HEADER})`);
      }
      const emotionText = unquote(fields[columns.emotion]);
      const emotion = Number(emotionText);
      if (emotionText === '' || !Number.isInteger(emotion) || emotion < 0 || emotion >= FER2013_NUM_CLASSES) {
        throw new ValueError(`${where}: emotion '${emotionText}' is not a class index in 0..${FER2013_NUM_CLASSES - 1}`);
      }
      const usage = unquote(fields[columns.usage]);
      const split = SPLITS.get(usage);
      if (split === undefined) {
        throw new ValueError(`${where}: Usage '${usage}' is not one of ${[...SPLITS.keys()].join(', ')}`);
      }
      const b = builders[split];
      parsePixels(unquote(fields[columns.pixels]), b.pixels.append(PIXELS), b.pixels.length - PIXELS, where);
      b.labels.push(emotion);
      rows++;
    }
  } catch (e) {
    if (e instanceof StrataError) throw e;
    // An I/O failure mid-stream (device error, file truncated under us) still names the file.
    throw new StrataError(`readFer2013Csv: error reading '${path}' after line ${lineNo}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  } finally {
    lines.close();
    stream.destroy();
  }
  if (columns === null) throw new ValueError(`readFer2013Csv: ${path} is empty; expected the header '${EXPECTED_HEADER}'`);
  return {
    train: builders.train.build(normalize, oneHot),
    publicTest: builders.publicTest.build(normalize, oneHot),
    privateTest: builders.privateTest.build(normalize, oneHot),
  };
}
