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
