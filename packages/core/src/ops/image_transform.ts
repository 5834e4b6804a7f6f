import { ShapeError, ValueError } from '../errors';
import { record } from '../autograd/record';
import { getBackend } from '../backends/registry';
import type { ImageTransformInfo } from '../backends/backend';
import type { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import { fmtValue } from '../util/args';
import { float } from './util';

export type FillMode = ImageTransformInfo['fillMode'];
type Interpolation = ImageTransformInfo['interpolation'];

/** Keras 3's fill modes for its image layers, and its interpolations. */
export const FILL_MODES: readonly FillMode[] = ['reflect', 'wrap', 'constant', 'nearest'];
export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'nearest'];

export interface AffineTransformOptions {
  /** Default 'bilinear'. */
  interpolation?: Interpolation;
  /** What lies outside the image. Default 'constant' (as keras.ops.image.affine_transform). */
  fillMode?: FillMode;
  /** The value outside the image in 'constant' mode. Default 0. */
  fillValue?: number;
}

/**
 * Keras's `ops.image.affine_transform` on NHWC images: image i is resampled through its own map
 * `transforms[i] = [a0, a1, a2, b0, b1, b2, c0, c1]`, which takes output pixel (x, y) to input
 * point ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k), k = c0 x + c1 y + 1 (pixel indices, x
 * along the width). Outside the image, `fillMode` pads as Keras does. The transforms are plain
 * numbers (float64), not differentiated; the gradient w.r.t. the images is the exact adjoint of
 * the resampling (so a transform between two layers still trains the first).
 *
 * @example
 * // Mirror 2 images of width 5 left-right.
 * const flipped = affineTransform(x, [[-1, 0, 4, 0, 1, 0, 0, 0], [-1, 0, 4, 0, 1, 0, 0, 0]]);
 */
export function affineTransform(images: Tensor, transforms: ArrayLike<number> | readonly (readonly number[])[], options: AffineTransformOptions = {}): Tensor {
  const { interpolation = 'bilinear', fillMode = 'constant', fillValue = 0 } = options;
  if (images.rank !== 4) throw new ShapeError(`affineTransform: images must be NHWC [batch, height, width, channels], got ${fmtShape(images.shape)}`);
  if (!INTERPOLATIONS.includes(interpolation)) throw new ValueError(`affineTransform: interpolation must be one of ${INTERPOLATIONS.map((m) => `'${m}'`).join(', ')}, got ${fmtValue(interpolation)}`);
  if (!FILL_MODES.includes(fillMode)) throw new ValueError(`affineTransform: fillMode must be one of ${FILL_MODES.map((m) => `'${m}'`).join(', ')}, got ${fmtValue(fillMode)}`);
  if (typeof fillValue !== 'number' || Number.isNaN(fillValue)) throw new ValueError(`affineTransform: fillValue must be a number, got ${fmtValue(fillValue)}`);
  const [batch, height, width, channels] = images.shape;
  const t = flatTransforms(transforms, batch);
  checkDenominators(t, height, width);
  const info: ImageTransformInfo = { batch, height, width, channels, interpolation, fillMode, fillValue: Math.fround(fillValue) };
  const out = float(getBackend().imageTransform(images.f32, t, info), images.shape);
  return record(out, 'affineTransform', [images], (dy) => [float(getBackend().imageTransformGrad(dy.f32, t, info), images.shape)]);
}

/** The transforms as one float64 array of 8 per image, checked finite. */
function flatTransforms(transforms: ArrayLike<number> | readonly (readonly number[])[], batch: number): Float64Array {
  const rows = transforms as ArrayLike<unknown>;
  const nested = rows.length > 0 && Array.isArray(rows[0]);
  if (nested && !Array.from(rows).every((r) => Array.isArray(r) && r.length === 8)) {
    throw new ShapeError('affineTransform: each transform must hold 8 numbers [a0, a1, a2, b0, b1, b2, c0, c1]');
  }
  const t = Float64Array.from(nested ? (transforms as readonly number[][]).flat() : (transforms as ArrayLike<number>));
  if (t.length !== batch * 8) {
    throw new ShapeError(`affineTransform: expected ${batch} transforms of 8 numbers (one per image), got ${nested ? rows.length : `${t.length} numbers`}`);
  }
  const bad = t.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ValueError(`affineTransform: transform ${Math.floor(bad / 8)} holds a non-finite value ${t[bad]}`);
  return t;
}

/** k = c0 x + c1 y + 1 is linear, so positive at the four corners means positive on every pixel: no point at infinity. */
function checkDenominators(t: Float64Array, height: number, width: number): void {
  for (let i = 0; i < t.length; i += 8) {
    const [c0, c1] = [t[i + 6], t[i + 7]];
    if (c0 === 0 && c1 === 0) continue;
    const corners = [0, c0 * (width - 1), c1 * (height - 1), c0 * (width - 1) + c1 * (height - 1)].map((v) => v + 1);
    if (corners.some((k) => !(k > 0))) {
      throw new ValueError(`affineTransform: transform ${i / 8} maps some pixel to infinity or behind the viewer (c0 x + c1 y + 1 must stay positive over the image)`);
    }
  }
}
