import type { Rng } from '@strata/core';
import { gaussian, randInt, uniform } from '../util/random';
import { Affine, fillBox, strokeSegment, type Canvas } from './raster';

/**
 * What the world and the camera do to a clean face: an occluding hand or object, defocus, uneven
 * light, exposure and sensor noise. All in place on the canvas.
 */

const occluderPose = new Affine();

/** Covers part of the image with a bar (an arm, a pen) or a block (a hand, a cup). */
export function occlude(canvas: Canvas, rng: Rng): void {
  const w = canvas.width, h = canvas.height;
  const value = uniform(rng, 0.05, 0.95);
  // Kept smaller than a feature group so a single occluder rarely hides every cue of a class.
  const cx = uniform(rng, 0.15, 0.85) * w, cy = uniform(rng, 0.15, 0.85) * h;
  occluderPose.set(cx, cy, 1, 1, uniform(rng, 0, Math.PI));
  if (rng() < 0.5) {
    const half = uniform(rng, 0.15, 0.35) * w;
    strokeSegment(canvas, occluderPose, -half, 0, half, 0, uniform(rng, 1.2, 2.5), value);
  } else {
    fillBox(canvas, occluderPose, 0, 0, uniform(rng, 0.06, 0.13) * w, uniform(rng, 0.06, 0.13) * h, value);
  }
}

/** Separable [1 2 1] / 4 blur (a Gaussian of sigma ~0.7 px) with edge clamping; `tmp` is scratch. */
export function blur121(canvas: Canvas, tmp: Float32Array): void {
  const { width: w, height: h, data } = canvas;
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) {
      const l = data[r + (x > 0 ? x - 1 : 0)], c = data[r + x], rt = data[r + (x < w - 1 ? x + 1 : x)];
      tmp[r + x] = 0.25 * l + 0.5 * c + 0.25 * rt;
    }
  }
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : 0) * w, r = y * w, dn = (y < h - 1 ? y + 1 : y) * w;
    for (let x = 0; x < w; x++) data[r + x] = 0.25 * tmp[up + x] + 0.5 * tmp[r + x] + 0.25 * tmp[dn + x];
  }
}

/** Lighting and exposure of one photo; see {@link develop}. */
export interface Exposure {
  /** Total swing of a linear light gradient across the image. */
  gradient: number;
  /** Direction of the gradient, radians. */
  angle: number;
  /** Contrast about mid-grey. */
  contrast: number;
  /** Brightness offset. */
  brightness: number;
  /** Standard deviation of the pixel noise. */
  noise: number;
}

/**
 * Gaussian pixel noise from a table of normal draws made once through the seeded generator.
 * Drawing 2,304 fresh normals per image would cost more than rendering the face; each image
 * instead reads the table from a random start with a random odd stride, which visits distinct
 * entries, so noise fields differ between images and stay reproducible per seed.
 */
export class NoiseTable {
  static readonly SIZE = 1 << 16;
  readonly values = new Float32Array(NoiseTable.SIZE);

  constructor(rng: Rng) {
    for (let i = 0; i < NoiseTable.SIZE; i++) this.values[i] = gaussian(rng);
  }
}

/**
 * Applies light gradient, exposure and noise, and clamps to [0, 1], in one pass: these passes
 * over the whole image cost as much as drawing the face, so they are fused. (Blur, being linear,
 * may run before them with the same result up to the clamp.)
 */
export function develop(canvas: Canvas, e: Exposure, noise: NoiseTable, rng: Rng): void {
  const { width: w, height: h, data } = canvas;
  const c = e.contrast;
  const gx = (Math.cos(e.angle) * e.gradient * c) / w, gy = (Math.sin(e.angle) * e.gradient * c) / h;
  const offset = 0.5 - 0.5 * c + e.brightness;
  const mask = NoiseTable.SIZE - 1;
  let j = randInt(rng, NoiseTable.SIZE);
  const stride = 2 * randInt(rng, NoiseTable.SIZE / 2) + 1;
  const table = noise.values, sigma = e.noise;
  for (let y = 0, i = 0; y < h; y++) {
    const row = offset + gy * (y + 0.5 - h / 2) + gx * (0.5 - w / 2);
    for (let x = 0; x < w; x++, i++, j = (j + stride) & mask) {
      const v = data[i] * c + row + gx * x + sigma * table[j];
      data[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
}
