import { optionKeys, checkOptions, Tensor, ValueError } from '@strata/core';

/** Mean and standard deviation of every value of `x` (accumulated in float64). */
export function meanStd(x: Tensor): { mean: number; std: number } {
  const v = x.values;
  if (v.length === 0) throw new ValueError('meanStd: x is empty');
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  const mean = sum / v.length;
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += (v[i] - mean) * (v[i] - mean);
  return { mean, std: Math.sqrt(sq / v.length) };
}

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** Default: the mean of `x`. Pass the training set's statistics when normalising test data. */
  mean?: number;
  /** Default: the standard deviation of `x`. */
  std?: number;
}

/**
 * Standardises `x` to `(x - mean) / std`, float32. A computed standard deviation below 1e-7 is
 * raised to it (as Keras' Normalization layer does with its epsilon), so constant data maps to
 * zeros instead of NaN; an explicit `std` must be positive.
 */
export function normalize(x: Tensor, options: NormalizeOptions = {}): Tensor {
  checkOptions(options, optionKeys<NormalizeOptions>()({ mean: true, std: true }), 'normalize');
  if (options.std !== undefined && !(options.std > 0)) throw new ValueError(`normalize: std must be positive, got ${options.std}`);
  if (options.mean !== undefined && !Number.isFinite(options.mean)) throw new ValueError(`normalize: mean must be finite, got ${options.mean}`);
  let { mean, std } = options;
  if (mean === undefined || std === undefined) {
    const stats = meanStd(x);
    mean ??= stats.mean;
    std ??= Math.max(stats.std, 1e-7);
  }
  return rescale(x, 1 / std, -mean / std);
}

/**
 * `x * scale + offset`, float32: Keras' `Rescaling` layer. The default maps 0..255 pixels to [0, 1].
 */
export function rescale(x: Tensor, scale = 1 / 255, offset = 0): Tensor {
  if (!Number.isFinite(scale) || !Number.isFinite(offset)) throw new ValueError(`rescale: scale and offset must be finite, got ${scale} and ${offset}`);
  const out = new Float32Array(x.size);
  const v = x.values;
  for (let i = 0; i < out.length; i++) out[i] = v[i] * scale + offset;
  return new Tensor(out, x.shape, 'float32');
}
