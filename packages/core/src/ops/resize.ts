import { getBackend } from '../backends/registry';
import type { Resize2dInfo } from '../backends/backend';
import { record } from '../autograd/record';
import { ShapeError, ValueError } from '../errors';
import type { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import { fmtValue } from '../util/args';
import { float } from './util';

export type Interpolation = 'nearest' | 'bilinear';

/**
 * Source indices and weights of each output position along one axis, as TensorFlow.js's resize
 * with alignCorners and halfPixelCenters false (what its UpSampling2D calls): source = out * in / outSize.
 */
function axisTable(inSize: number, outSize: number): { lo: Int32Array; hi: Int32Array; frac: Float32Array } {
  const ratio = inSize / outSize;
  const lo = new Int32Array(outSize), hi = new Int32Array(outSize), frac = new Float32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const src = ratio * o;
    lo[o] = Math.max(0, Math.floor(src));
    hi[o] = Math.min(inSize - 1, Math.ceil(src));
    frac[o] = src - lo[o];
  }
  return { lo, hi, frac };
}

/** The resize geometry of NHWC `shape` to [outHeight, outWidth]. */
export function resize2dInfo(shape: readonly number[], outHeight: number, outWidth: number, interpolation: Interpolation): Resize2dInfo {
  if (shape.length !== 4) throw new ShapeError(`resize2d: expected NHWC input of rank 4, got ${fmtShape(shape)}`);
  if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
    throw new ValueError(`resize2d: interpolation must be 'nearest' or 'bilinear', got ${fmtValue(interpolation)}`);
  }
  const [batch, inHeight, inWidth, channels] = shape;
  const rows = axisTable(inHeight, outHeight), cols = axisTable(inWidth, outWidth);
  return {
    batch, inHeight, inWidth, channels, outHeight, outWidth, bilinear: interpolation === 'bilinear',
    rowLo: rows.lo, rowHi: rows.hi, rowFrac: rows.frac, colLo: cols.lo, colHi: cols.hi, colFrac: cols.frac,
  };
}

/**
 * Repeats rows and columns of NHWC x `size` times ('nearest'), or interpolates between them
 * ('bilinear', TensorFlow.js's resizeBilinear without half-pixel centres, as its UpSampling2D).
 */
export function upSampling2d(x: Tensor, size: readonly [number, number], interpolation: Interpolation = 'nearest'): Tensor {
  if (!size.every((s) => Number.isInteger(s) && s > 0)) throw new ValueError(`upSampling2d: size must be two positive integers, got ${fmtValue(size)}`);
  const info = resize2dInfo(x.shape, x.shape[1] * size[0], x.shape[2] * size[1], interpolation);
  const y = float(getBackend().resize2d(x.f32, info), [info.batch, info.outHeight, info.outWidth, info.channels]);
  return record(y, 'upSampling2d', [x], (dy) => [float(getBackend().resize2dGrad(dy.f32, info), x.shape)]);
}
