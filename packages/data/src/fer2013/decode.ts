import { PNG } from 'pngjs';
import { decode as decodeJpeg } from 'jpeg-js';
import { ValueError } from '@strata/core';

/** A decoded single-channel image, intensities 0..255. */
export interface GrayImage {
  width: number;
  height: number;
  data: Float32Array;
}

function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
}

function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

/** JPEG start-of-frame markers (SOF0-SOF15 but DHT, JPG and DAC): their segment holds the size. */
const isStartOfFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Width and height from the first frame header, walking the marker segments after SOI. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1];
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2; // standalone marker, no length
      continue;
    }
    const length = (b[i + 2] << 8) | b[i + 3];
    if (length < 2) return null;
    if (isStartOfFrame(m)) {
      if (i + 9 > b.length) return null;
      return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] };
    }
    i += 2 + length;
  }
  return null;
}

/**
 * An image's width and height from its header alone (PNG's IHDR, JPEG's frame header), so a
 * reader can refuse a huge image before decoding it. Throws a ValueError naming the file when
 * it is not a PNG or JPEG, or its header cannot be read.
 */
export function readImageSize(bytes: Uint8Array, file: string, where: string): { width: number; height: number } {
  let size: { width: number; height: number } | null = null;
  if (isPng(bytes)) {
    // Signature (8), then the IHDR chunk: length (4), 'IHDR', width and height big-endian.
    if (bytes.length >= 24 && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR') {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      size = { width: view.getUint32(16), height: view.getUint32(20) };
    }
  } else if (isJpeg(bytes)) {
    size = jpegSize(bytes);
  } else {
    throw new ValueError(`${where}: cannot decode image '${file}': not a PNG or JPEG file (unrecognised signature)`);
  }
  if (!size || size.width === 0 || size.height === 0) throw new ValueError(`${where}: cannot decode image '${file}': its header holds no valid width and height`);
  return size;
}

/**
 * RGBA to grey with ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B, the weights of FER2013's and
 * PIL's 'L' conversion), composited over black: a transparent pixel is dark, as it would be in
 * a dataset rendered onto a black canvas.
 */
function rgbaToGray(rgba: Uint8Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    const luma = 0.299 * rgba[j] + 0.587 * rgba[j + 1] + 0.114 * rgba[j + 2];
    out[i] = (luma * rgba[j + 3]) / 255;
  }
  return out;
}

/**
 * Decodes a PNG or JPEG file's bytes to grey, choosing the decoder by the file's signature
 * rather than its extension (re-published datasets often mislabel one as the other).
 */
export function decodeGray(bytes: Buffer, file: string, where: string): GrayImage {
  try {
    if (isPng(bytes)) {
      // pngjs normalises every colour type and bit depth to 8-bit RGBA.
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, data: rgbaToGray(png.data, png.width, png.height) };
    }
    if (isJpeg(bytes)) {
      const jpg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true });
      return { width: jpg.width, height: jpg.height, data: rgbaToGray(jpg.data, jpg.width, jpg.height) };
    }
  } catch (e) {
    throw new ValueError(`${where}: cannot decode image '${file}': ${e instanceof Error ? e.message : String(e)}`);
  }
  throw new ValueError(`${where}: cannot decode image '${file}': not a PNG or JPEG file (unrecognised signature)`);
}
