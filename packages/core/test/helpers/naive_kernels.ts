/**
 * Oracles for kernel tests: every kernel written as the textbook loop over its definition, with
 * no blocking, no im2col and no cleverness, so each can be checked by eye. Any backend's
 * kernels (reference, WebAssembly) are tested against these on random inputs.
 * Also: the TensorFlow geometry for building Conv2dInfo / Pool2dInfo, and the comparison
 * helpers every kernel test uses.
 */
import seedrandom from 'seedrandom';
import type { ImageTransformInfo, Conv2dInfo, FusedActivation, Pool2dInfo } from '../../src/backends/backend';

export type Padding = 'valid' | 'same';

// ---------------------------------------------------------------------------------------------
// Geometry (TensorFlow's rules)
// ---------------------------------------------------------------------------------------------

/**
 * Output size and padding before the first element along one axis. 'same' follows TensorFlow:
 * out = ceil(in / stride), pad_total = max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0),
 * the smaller half before and the odd pixel after.
 */
export function convAxisGeometry(
  inSize: number, kernel: number, stride: number, dilation: number, padding: Padding,
): { out: number; padBefore: number } {
  const span = (kernel - 1) * dilation + 1;
  if (padding === 'valid') {
    if (inSize < span) throw new Error(`valid: input ${inSize} is smaller than the dilated kernel ${span}`);
    return { out: Math.floor((inSize - span) / stride) + 1, padBefore: 0 };
  }
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + span - inSize, 0);
  return { out, padBefore: Math.floor(total / 2) };
}

type Pair = number | readonly [number, number];
const pair = (v: Pair | undefined): [number, number] => (v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : [v[0], v[1]]);

export interface Conv2dSpec {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outChannels: number;
  kernelHeight: number;
  kernelWidth: number;
  strides?: Pair;
  dilations?: Pair;
  padding: Padding;
}

export function makeConv2dInfo(spec: Conv2dSpec): Conv2dInfo {
  const [strideHeight, strideWidth] = pair(spec.strides);
  const [dilationHeight, dilationWidth] = pair(spec.dilations);
  const rows = convAxisGeometry(spec.inHeight, spec.kernelHeight, strideHeight, dilationHeight, spec.padding);
  const cols = convAxisGeometry(spec.inWidth, spec.kernelWidth, strideWidth, dilationWidth, spec.padding);
  return {
    batch: spec.batch,
    inHeight: spec.inHeight,
    inWidth: spec.inWidth,
    inChannels: spec.inChannels,
    outHeight: rows.out,
    outWidth: cols.out,
    outChannels: spec.outChannels,
    kernelHeight: spec.kernelHeight,
    kernelWidth: spec.kernelWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
  };
}

/** A depthwise conv's geometry: outChannels = inChannels * depth multiplier. */
export const makeDepthwiseInfo = (spec: Omit<Conv2dSpec, 'outChannels'>, depthMultiplier: number): Conv2dInfo =>
  makeConv2dInfo({ ...spec, outChannels: spec.inChannels * depthMultiplier });
export const depthwiseFilterSize = (i: Conv2dInfo): number => i.kernelHeight * i.kernelWidth * i.outChannels;

export interface Pool2dSpec {
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  poolHeight: number;
  poolWidth: number;
  /** Defaults to the pool size, as in Keras. */
  strides?: Pair;
  padding: Padding;
}

export function makePool2dInfo(spec: Pool2dSpec): Pool2dInfo {
  const [strideHeight, strideWidth] = spec.strides === undefined ? [spec.poolHeight, spec.poolWidth] : pair(spec.strides);
  const rows = convAxisGeometry(spec.inHeight, spec.poolHeight, strideHeight, 1, spec.padding);
  const cols = convAxisGeometry(spec.inWidth, spec.poolWidth, strideWidth, 1, spec.padding);
  return {
    batch: spec.batch,
    inHeight: spec.inHeight,
    inWidth: spec.inWidth,
    channels: spec.channels,
    outHeight: rows.out,
    outWidth: cols.out,
    poolHeight: spec.poolHeight,
    poolWidth: spec.poolWidth,
    strideHeight,
    strideWidth,
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
  };
}

export const conv2dInputSize = (i: Conv2dInfo): number => i.batch * i.inHeight * i.inWidth * i.inChannels;
export const conv2dOutputSize = (i: Conv2dInfo): number => i.batch * i.outHeight * i.outWidth * i.outChannels;
export const conv2dFilterSize = (i: Conv2dInfo): number => i.kernelHeight * i.kernelWidth * i.inChannels * i.outChannels;
export const pool2dInputSize = (i: Pool2dInfo): number => i.batch * i.inHeight * i.inWidth * i.channels;
export const pool2dOutputSize = (i: Pool2dInfo): number => i.batch * i.outHeight * i.outWidth * i.channels;

// ---------------------------------------------------------------------------------------------
// Naive kernels (same signatures as the Backend methods, except naiveMaxPool2dGrad)
// ---------------------------------------------------------------------------------------------

const activate = (v: number, activation: FusedActivation | undefined): number =>
  activation === 'relu' && v < 0 ? 0 : v;

/** Batched act(op(A) op(B) + bias); a B of n * k elements is shared by the whole batch. */
export function naiveMatMul(
  a: Float32Array, b: Float32Array,
  batch: number, m: number, n: number, k: number,
  transA: boolean, transB: boolean,
  bias?: Float32Array | null, activation?: FusedActivation,
): Float32Array {
  const shared = b.length === n * k;
  const c = new Float32Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const aOff = t * m * k;
    const bOff = shared ? 0 : t * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
          const bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
          sum += av * bv;
        }
        if (bias) sum += bias[j];
        c[t * m * n + i * n + j] = activate(sum, activation);
      }
    }
  }
  return c;
}

/** Calls visit(xIndex, wIndexWithoutOutChannel, yIndexWithoutOutChannel) for every in-bounds tap. */
function forEachConvTap(info: Conv2dInfo, visit: (xi: number, wi: number, yi: number) => void): void {
  const { batch, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, kernelHeight, kernelWidth } = info;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const yi = ((b * outHeight + oy) * outWidth + ox) * outChannels;
        for (let ky = 0; ky < kernelHeight; ky++) {
          const iy = oy * info.strideHeight - info.padTop + ky * info.dilationHeight;
          if (iy < 0 || iy >= inHeight) continue;
          for (let kx = 0; kx < kernelWidth; kx++) {
            const ix = ox * info.strideWidth - info.padLeft + kx * info.dilationWidth;
            if (ix < 0 || ix >= inWidth) continue;
            for (let ic = 0; ic < inChannels; ic++) {
              const xi = ((b * inHeight + iy) * inWidth + ix) * inChannels + ic;
              const wi = ((ky * kernelWidth + kx) * inChannels + ic) * outChannels;
              visit(xi, wi, yi);
            }
          }
        }
      }
    }
  }
}

/** The im2col matrix of x: a row per output pixel, a column per filter row (ky, kx, ic), zeros where a tap reads outside x. */
export function im2col(x: Float32Array, info: Conv2dInfo): Float32Array {
  const depth = info.kernelHeight * info.kernelWidth * info.inChannels;
  const cols = new Float32Array(info.batch * info.outHeight * info.outWidth * depth);
  forEachConvTap(info, (xi, wi, yi) => {
    cols[(yi / info.outChannels) * depth + wi / info.outChannels] = x[xi];
  });
  return cols;
}

/** y[b, oy, ox, oc] = act(bias[oc] + sum over taps of x[b, iy, ix, ic] * w[ky, kx, ic, oc]). */
export function naiveConv2d(
  x: Float32Array, w: Float32Array, info: Conv2dInfo,
  bias?: Float32Array | null, activation?: FusedActivation,
): Float32Array {
  const outC = info.outChannels;
  // Sums in float64 so the oracle is the more accurate side of every comparison.
  const acc = new Float64Array(conv2dOutputSize(info));
  forEachConvTap(info, (xi, wi, yi) => {
    for (let oc = 0; oc < outC; oc++) acc[yi + oc] += x[xi] * w[wi + oc];
  });
  const y = new Float32Array(acc.length);
  for (let i = 0; i < y.length; i++) y[i] = activate(acc[i] + (bias ? bias[i % outC] : 0), activation);
  return y;
}

/** dx[b, iy, ix, ic] = sum over the outputs that read it of dy[b, oy, ox, oc] * w[ky, kx, ic, oc]. */
export function naiveConv2dInputGrad(dy: Float32Array, w: Float32Array, info: Conv2dInfo): Float32Array {
  const outC = info.outChannels;
  const acc = new Float64Array(conv2dInputSize(info));
  forEachConvTap(info, (xi, wi, yi) => {
    for (let oc = 0; oc < outC; oc++) acc[xi] += dy[yi + oc] * w[wi + oc];
  });
  return Float32Array.from(acc);
}

/** dw[ky, kx, ic, oc] = sum over batch and output pixels of x[b, iy, ix, ic] * dy[b, oy, ox, oc]. */
export function naiveConv2dFilterGrad(x: Float32Array, dy: Float32Array, info: Conv2dInfo): Float32Array {
  const outC = info.outChannels;
  const acc = new Float64Array(conv2dFilterSize(info));
  forEachConvTap(info, (xi, wi, yi) => {
    for (let oc = 0; oc < outC; oc++) acc[wi + oc] += x[xi] * dy[yi + oc];
  });
  return Float32Array.from(acc);
}

/**
 * Depthwise conv, info.outChannels = inChannels * dm, filter [kh, kw, inC, dm]: calls
 * visit(xIndex, wIndex, yIndex) for every in-bounds tap and every output channel c * dm + m.
 */
function forEachDepthwiseTap(info: Conv2dInfo, visit: (xi: number, wi: number, yi: number) => void): void {
  const dm = info.outChannels / info.inChannels;
  const depthwise: Conv2dInfo = { ...info, outChannels: 1 };
  forEachConvTap(depthwise, (xi, wi, yi) => {
    const c = xi % info.inChannels;
    const tap = (wi - c) / info.inChannels;
    const y0 = yi * info.outChannels;
    for (let m = 0; m < dm; m++) visit(xi, tap * info.outChannels + c * dm + m, y0 + c * dm + m);
  });
}

/** y[b, oy, ox, c * dm + m] = act(bias + sum over in-bounds taps of x[b, iy, ix, c] * w[ky, kx, c, m]). */
export function naiveDepthwiseConv2d(
  x: Float32Array, w: Float32Array, info: Conv2dInfo,
  bias?: Float32Array | null, activation?: FusedActivation,
): Float32Array {
  const acc = new Float64Array(conv2dOutputSize(info));
  forEachDepthwiseTap(info, (xi, wi, yi) => { acc[yi] += x[xi] * w[wi]; });
  const outC = info.outChannels;
  return Float32Array.from(acc, (v, i) => activate(v + (bias ? bias[i % outC] : 0), activation));
}

export function naiveDepthwiseConv2dInputGrad(dy: Float32Array, w: Float32Array, info: Conv2dInfo): Float32Array {
  const acc = new Float64Array(conv2dInputSize(info));
  forEachDepthwiseTap(info, (xi, wi, yi) => { acc[xi] += dy[yi] * w[wi]; });
  return Float32Array.from(acc);
}

export function naiveDepthwiseConv2dFilterGrad(x: Float32Array, dy: Float32Array, info: Conv2dInfo): Float32Array {
  const acc = new Float64Array(info.kernelHeight * info.kernelWidth * info.outChannels);
  forEachDepthwiseTap(info, (xi, wi, yi) => { acc[wi] += x[xi] * dy[yi]; });
  return Float32Array.from(acc);
}

/** Max over each window's in-bounds taps, and the flat x index of the first max (row-major). */
export function naiveMaxPool2d(x: Float32Array, info: Pool2dInfo): { y: Float32Array; argmax: Int32Array } {
  const { batch, inHeight, inWidth, channels, outHeight, outWidth } = info;
  const y = new Float32Array(pool2dOutputSize(info));
  const argmax = new Int32Array(y.length);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        for (let c = 0; c < channels; c++) {
          let best = -Infinity;
          let bestIndex = -1;
          for (let ky = 0; ky < info.poolHeight; ky++) {
            for (let kx = 0; kx < info.poolWidth; kx++) {
              const iy = oy * info.strideHeight - info.padTop + ky;
              const ix = ox * info.strideWidth - info.padLeft + kx;
              if (iy < 0 || iy >= inHeight || ix < 0 || ix >= inWidth) continue;
              const xi = ((b * inHeight + iy) * inWidth + ix) * channels + c;
              if (bestIndex < 0 || x[xi] > best) {
                best = x[xi];
                bestIndex = xi;
              }
            }
          }
          const yi = ((b * outHeight + oy) * outWidth + ox) * channels + c;
          y[yi] = best;
          argmax[yi] = bestIndex;
        }
      }
    }
  }
  return { y, argmax };
}

/** dx from x itself (not from a kernel's argmax): each dy goes to its window's first max. */
export function naiveMaxPool2dGrad(x: Float32Array, dy: Float32Array, info: Pool2dInfo): Float32Array {
  const { argmax } = naiveMaxPool2d(x, info);
  const dx = new Float64Array(pool2dInputSize(info));
  for (let i = 0; i < dy.length; i++) dx[argmax[i]] += dy[i];
  return Float32Array.from(dx);
}

/** Mean of each window's in-image taps, in float64 (padding neither adds nor counts, as TensorFlow). */
export function naiveAvgPool2d(x: Float32Array, info: Pool2dInfo): Float32Array {
  const y = new Float64Array(pool2dOutputSize(info));
  const count = new Float64Array(y.length);
  forEachPoolTap(info, (xi, yi) => {
    y[yi] += x[xi];
    count[yi] += 1;
  });
  return Float32Array.from(y, (v, i) => v / count[i]);
}

/** dx of the average pool: each dy / count scattered to its window's in-image taps, in float64. */
export function naiveAvgPool2dGrad(dy: Float32Array, info: Pool2dInfo): Float32Array {
  const count = new Float64Array(dy.length);
  forEachPoolTap(info, (_xi, yi) => (count[yi] += 1));
  const dx = new Float64Array(pool2dInputSize(info));
  forEachPoolTap(info, (xi, yi) => (dx[xi] += dy[yi] / count[yi]));
  return Float32Array.from(dx);
}

/** Calls visit(x index, y index) for every in-image tap of every window (channel by channel). */
function forEachPoolTap(info: Pool2dInfo, visit: (xi: number, yi: number) => void): void {
  const { batch, inHeight, inWidth, channels, outHeight, outWidth } = info;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        for (let ky = 0; ky < info.poolHeight; ky++) {
          for (let kx = 0; kx < info.poolWidth; kx++) {
            const iy = oy * info.strideHeight - info.padTop + ky;
            const ix = ox * info.strideWidth - info.padLeft + kx;
            if (iy < 0 || iy >= inHeight || ix < 0 || ix >= inWidth) continue;
            for (let c = 0; c < channels; c++) {
              visit(((b * inHeight + iy) * inWidth + ix) * channels + c, ((b * outHeight + oy) * outWidth + ox) * channels + c);
            }
          }
        }
      }
    }
  }
}

/** Upsampling of NHWC x by integer factors, as a float64 weight matrix: each output's (input index, weight) taps. */
function upsampleTaps(h: number, w: number, sh: number, sw: number, bilinear: boolean): (r: number, c: number) => [number, number, number][] {
  // Source coordinate r / sh exactly, in integers: floor, and the fractional part (r mod sh) / sh.
  const axis = (o: number, s: number, size: number): [number, number][] => {
    const lo = Math.floor(o / s);
    const frac = bilinear ? (o % s) / s : 0;
    return frac === 0 ? [[lo, 1]] : [[lo, 1 - frac], [Math.min(lo + 1, size - 1), frac]];
  };
  return (r, c) => axis(r, sh, h).flatMap(([i, wr]) => axis(c, sw, w).map(([j, wc]): [number, number, number] => [i, j, wr * wc]));
}

/** y = sum of taps * x in float64 (the oracle of resize2d for integer factors; NaN-free inputs). */
export function naiveUpSample(x: Float32Array, shape: number[], sh: number, sw: number, bilinear: boolean): Float32Array {
  const [n, h, w, ch] = shape;
  const taps = upsampleTaps(h, w, sh, sw, bilinear);
  const y = new Float32Array(n * h * sh * w * sw * ch);
  let o = 0;
  for (let b = 0; b < n; b++) for (let r = 0; r < h * sh; r++) for (let c = 0; c < w * sw; c++) {
    const t = taps(r, c);
    for (let d = 0; d < ch; d++) y[o++] = t.reduce((s, [i, j, wt]) => s + wt * x[((b * h + i) * w + j) * ch + d], 0);
  }
  return y;
}

/** The adjoint of naiveUpSample: dx = taps^T dy in float64. */
export function naiveUpSampleGrad(dy: Float32Array, shape: number[], sh: number, sw: number, bilinear: boolean): Float32Array {
  const [n, h, w, ch] = shape;
  const taps = upsampleTaps(h, w, sh, sw, bilinear);
  const dx = new Float64Array(n * h * w * ch);
  let o = 0;
  for (let b = 0; b < n; b++) for (let r = 0; r < h * sh; r++) for (let c = 0; c < w * sw; c++) {
    const t = taps(r, c);
    for (let d = 0; d < ch; d++, o++) for (const [i, j, wt] of t) dx[((b * h + i) * w + j) * ch + d] += wt * dy[o];
  }
  return Float32Array.from(dx);
}

/** Layer norm of [rows, n] in float64, two passes per row: y, and the row statistics. */
export function naiveLayerNorm(x: Float32Array, gamma: Float32Array, beta: Float32Array, n: number, eps: number): { y: Float32Array; mean: Float64Array; invStd: Float64Array } {
  const rows = x.length / n;
  const y = new Float32Array(x.length), mean = new Float64Array(rows), invStd = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = Array.from(x.subarray(r * n, (r + 1) * n));
    const m = row.reduce((a, b) => a + b, 0) / n;
    const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / n;
    mean[r] = m;
    invStd[r] = 1 / Math.sqrt(v + eps);
    row.forEach((xv, j) => (y[r * n + j] = gamma[j] * (xv - m) * invStd[r] + beta[j]));
  }
  return { y, mean, invStd };
}

/**
 * Its gradients in float64 by the chain rule written out per element (dx_j = sum_k dy_k g_k dxhat_k/dx_j),
 * O(n^2) per row: a different computation from the kernels' closed form.
 */
export function naiveLayerNormGrad(x: Float32Array, dy: Float32Array, gamma: Float32Array, n: number, eps: number): { dx: Float32Array; dGamma: Float32Array; dBeta: Float32Array } {
  const { mean, invStd } = naiveLayerNorm(x, gamma, new Float32Array(n), n, eps);
  const rows = x.length / n;
  const dx = new Float32Array(x.length), dGamma = new Float64Array(n), dBeta = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const o = r * n, m = mean[r], s = invStd[r];
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let k = 0; k < n; k++) {
        // d xhat_k / d x_j = s (delta_jk - 1/n) - (x_k - m) s^3 (x_j - m) / n
        const d = s * ((j === k ? 1 : 0) - 1 / n) - (x[o + k] - m) * s ** 3 * (x[o + j] - m) / n;
        acc += dy[o + k] * gamma[k] * d;
      }
      dx[o + j] = acc;
      dGamma[j] += dy[o + j] * (x[o + j] - m) * s;
      dBeta[j] += dy[o + j];
    }
  }
  return { dx, dGamma: Float32Array.from(dGamma), dBeta: Float32Array.from(dBeta) };
}

// ---------------------------------------------------------------------------------------------
// Image transform: the image is padded first (as Keras's numpy backend does with np.pad), then
// sampled at each output pixel's point, computed directly (not stepped along the row).
// ---------------------------------------------------------------------------------------------

/** The padded image's value at integer (iy, ix): np.pad's 'symmetric', 'wrap', 'edge' or 'constant'. */
function paddedAt(x: Float32Array, base: number, info: ImageTransformInfo, iy: number, ix: number, k: number): number {
  const unfold = (i: number, n: number): number | null => {
    if (info.fillMode === 'constant') return i >= 0 && i < n ? i : null;
    if (info.fillMode === 'nearest') return Math.min(Math.max(i, 0), n - 1);
    if (info.fillMode === 'wrap') return ((i % n) + n) % n;
    while (i < 0 || i >= n) i = i < 0 ? -1 - i : 2 * n - 1 - i; // fold at each edge until inside
    return i;
  };
  const y = unfold(iy, info.height), xx = unfold(ix, info.width);
  return y === null || xx === null ? info.fillValue : x[base + (y * info.width + xx) * info.channels + k];
}

export function naiveImageTransform(x: Float32Array, transforms: ArrayLike<number>, info: ImageTransformInfo): Float32Array {
  const { batch, height: h, width: w, channels: c } = info;
  const out = new Float32Array(x.length);
  for (let b = 0; b < batch; b++) {
    const [a0, a1, a2, b0, b1, b2, c0, c1] = Array.from({ length: 8 }, (_, i) => transforms[b * 8 + i]);
    for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) {
      const kk = c0 * xx + c1 * y + 1;
      const sx = (a0 * xx + a1 * y + a2) / kk, sy = (b0 * xx + b1 * y + b2) / kk;
      for (let k = 0; k < c; k++) {
        const at = (iy: number, ix: number): number => paddedAt(x, b * h * w * c, info, iy, ix, k);
        let v: number;
        if (info.interpolation === 'nearest') {
          v = at(Math.round(sy), Math.round(sx));
        } else {
          const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
          v = (1 - fx) * (1 - fy) * at(y0, x0) + fx * (1 - fy) * at(y0, x0 + 1) + (1 - fx) * fy * at(y0 + 1, x0) + fx * fy * at(y0 + 1, x0 + 1);
        }
        out[((b * h + y) * w + xx) * c + k] = v;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Random inputs and comparison
// ---------------------------------------------------------------------------------------------

export type Rng = () => number;

export const makeTestRng = (seed: string): Rng => seedrandom(seed);

/** Uniform floats in [lo, hi). */
export function randomFloats(rng: Rng, n: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng();
  return out;
}

/** Small integers in [0, levels): forces ties, for testing which of equal values wins. */
export function randomLevels(rng: Rng, n: number, levels: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng() * levels);
  return out;
}

/**
 * Expects equal lengths and |actual - expected| <= rtol * (|expected| + max |expected|) at every
 * index: relative to the element and to the array's magnitude, so entries that cancel to near
 * zero are judged against the size of the sums that produced them. NaN never passes.
 * On failure the first few mismatches are printed.
 */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const mismatches: string[] = [];
  for (let i = 0; i < expected.length && mismatches.length < 5; i++) {
    const tol = rtol * (Math.abs(expected[i]) + scale);
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      mismatches.push(`[${i}] got ${actual[i]}, expected ${expected[i]} (tol ${tol.toExponential(2)})`);
    }
  }
  expect(mismatches).toEqual([]);
}

/** Sum of a[i] * b[i] in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
