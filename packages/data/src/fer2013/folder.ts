import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { checkOptions, fmtValue, optionKeys, tensor, ValueError, type Tensor } from '@strata/core';
import { FER2013_CLASS_ALIASES, FER2013_NUM_CLASSES, fer2013ClassIndex } from '../classes';
import { resizeGray } from '../transforms/resize';
import { labelTensor } from '../util/labels';
import { decodeGray, readImageSize } from './decode';

/** Options of {@link readImageFolder}. */
export interface ReadImageFolderOptions {
  /** Side of the square output images; others are resized to it. Default 48. */
  size?: number;
  /** Scale pixels from 0..255 to [0, 1]. Default true. */
  normalize?: boolean;
  /** Return y as float32 [n, 7] one-hot rows instead of int32 [n] class indices. Default false. */
  oneHot?: boolean;
  /**
   * The largest width or height accepted, read from the file's header before decoding (a small
   * compressed file can decode to gigabytes). Default 4096.
   */
  maxImageSize?: number;
  /** What to do with an image over maxImageSize: 'error' (default) or 'skip' it and list it in `skipped`. */
  oversized?: 'error' | 'skip';
}

const OPTIONS = optionKeys<ReadImageFolderOptions>()({ size: true, normalize: true, oneHot: true, maxImageSize: true, oversized: true });

/** Images of a class-per-folder dataset, in class order then file-name order. */
export interface ImageFolderData {
  /** float32 [n, size, size, 1]. */
  x: Tensor;
  /** int32 [n] FER2013 class indices, or float32 [n, 7] one-hot. */
  y: Tensor;
  /** The class index of each image. */
  labels: Int32Array;
  /** The path of each image, in the same order. */
  files: string[];
  /** Images left out for being over maxImageSize (with `oversized: 'skip'`), with their header's size. */
  skipped: { file: string; width: number; height: number }[];
}

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

async function listDir(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDir: e.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw new ValueError(`readImageFolder: cannot read directory '${dir}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Image files of every known class folder, in FER2013 class order. */
async function collectFiles(dir: string): Promise<{ file: string; label: number }[]> {
  const subdirs = (await listDir(dir)).filter((e) => e.isDir).map((e) => e.name);
  const known = subdirs
    .map((name) => ({ name, label: fer2013ClassIndex(name) }))
    .filter((c) => c.label >= 0)
    .sort((a, b) => a.label - b.label);
  if (known.length === 0) {
    const found = subdirs.length ? subdirs.map((s) => `'${s}'`).join(', ') : 'no subfolders';
    throw new ValueError(
      `readImageFolder: '${dir}' has no class subfolder; found ${found}, expected folders named after FER2013 classes ` +
        `(case-insensitive): ${FER2013_CLASS_ALIASES.join(', ')}`,
    );
  }
  const files: { file: string; label: number }[] = [];
  for (const { name, label } of known) {
    for (const e of await listDir(join(dir, name))) {
      if (!e.isDir && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase())) files.push({ file: join(dir, name, e.name), label });
    }
  }
  if (files.length === 0) {
    throw new ValueError(`readImageFolder: the class folders of '${dir}' (${known.map((k) => k.name).join(', ')}) hold no .png, .jpg or .jpeg files`);
  }
  return files;
}

/**
 * Reads a class-per-folder image dataset, `dir/<class>/*.png|jpg|jpeg`, the layout FER2013 is
 * often re-published in (`train/angry/...`, `test/happy/...`). Folder names map to FER2013 label
 * indices case-insensitively, accepting the adjective spellings too ('disgusted', 'fearful',
 * 'surprised'); folders with other names (e.g. 'contempt') and other files are skipped.
 *
 * Images are converted to grey with BT.601 luma, alpha composited over black, and resized to
 * `size` x `size` (area averaging when shrinking, bilinear when enlarging; non-square images are
 * stretched, not cropped). The order is class by class, files sorted by name: shuffle before
 * training (`shuffleTogether`).
 *
 * @example
 * const train = await readImageFolder('fer2013/train', { oneHot: true });
 */
export async function readImageFolder(dir: string, options: ReadImageFolderOptions = {}): Promise<ImageFolderData> {
  const { size = 48, normalize = true, oneHot = false, maxImageSize = 4096, oversized = 'error' } = checkOptions(options, OPTIONS, 'readImageFolder');
  if (!Number.isInteger(size) || size <= 0) throw new ValueError(`readImageFolder: size must be a positive integer, got ${fmtValue(size)}`);
  if (!Number.isInteger(maxImageSize) || maxImageSize <= 0) throw new ValueError(`readImageFolder: maxImageSize must be a positive integer, got ${fmtValue(maxImageSize)}`);
  if (oversized !== 'error' && oversized !== 'skip') throw new ValueError(`readImageFolder: oversized must be 'error' or 'skip', got ${fmtValue(oversized)}`);
  const entries = await collectFiles(dir);
  const plane = size * size;
  const x = new Float32Array(entries.length * plane);
  const labels: number[] = [];
  const files: string[] = [];
  const skipped: ImageFolderData['skipped'] = [];
  const scale = normalize ? 1 / 255 : 1;
  for (const { file, label } of entries) {
    const bytes = await readFile(file);
    const { width, height } = readImageSize(bytes, file, 'readImageFolder');
    if (width > maxImageSize || height > maxImageSize) {
      if (oversized === 'skip') {
        skipped.push({ file, width, height });
        continue;
      }
      throw new ValueError(
        `readImageFolder: image '${file}' is ${width}x${height}, over the maxImageSize of ${maxImageSize} ` +
          `(raise maxImageSize, or pass oversized: 'skip' to leave such images out)`,
      );
    }
    const img = decodeGray(bytes, file, 'readImageFolder');
    const gray = resizeGray(img.data, img.width, img.height, size, size);
    const at = labels.length * plane;
    for (let j = 0; j < plane; j++) x[at + j] = gray[j] * scale;
    labels.push(label);
    files.push(file);
  }
  if (labels.length === 0) throw new ValueError(`readImageFolder: every image of '${dir}' is over the maxImageSize of ${maxImageSize}; nothing is left to read`);
  const labelArray = Int32Array.from(labels);
  return {
    x: tensor(labels.length === entries.length ? x : x.slice(0, labels.length * plane), [labels.length, size, size, 1]),
    y: labelTensor(labelArray, FER2013_NUM_CLASSES, oneHot),
    labels: labelArray,
    files,
    skipped,
  };
}
