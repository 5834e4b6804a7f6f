import { mean, noGrad, slice, square, sub, ValueError, type Tensor } from '@strata/core';
import { BatchNormalization } from '@strata/layers';
import type { Sequential } from './sequential';

export interface BatchNormStatisticsOptions {
  /** Samples per forward pass. Default 256. */
  batchSize?: number;
}

/**
 * Re-estimates every BatchNormalization layer's moving mean and variance as the average batch
 * statistics over `x` ("precise BN", Wu & Johnson 2021). Keras's momentum 0.99 leaves
 * 0.99^n of the initial statistics after n steps, so a short run (a few hundred steps) still
 * normalises with statistics far from the data's, and inference accuracy lags training accuracy
 * badly; averaging over the data fixes that without changing any trained weight.
 * Runs in inference mode except that each BatchNormalization normalises with its batch
 * statistics, as in training; dropout stays off.
 */
export function estimateBatchNormStatistics(model: Sequential, x: Tensor, options: BatchNormStatisticsOptions = {}): void {
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ValueError(`estimateBatchNormStatistics: batchSize must be a positive integer, got ${batchSize}`);
  }
  const n = x.shape[0];
  if (!(n > 0)) throw new ValueError('estimateBatchNormStatistics: x has no samples');
  model.checkInput(x, 'estimateBatchNormStatistics');
  const layers = model.layers;
  const norms = layers.filter((l): l is BatchNormalization => l instanceof BatchNormalization);
  const sums = norms.map((l) => ({ mean: new Float64Array(l.movingMean!.size), variance: new Float64Array(l.movingMean!.size) }));
  let weight = 0;
  noGrad(() => {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      let h = slice(x, x.shape.map((_, i) => (i === 0 ? start : 0)), x.shape.map((d, i) => (i === 0 ? size : d)));
      for (const layer of layers) {
        const bn = layer instanceof BatchNormalization ? layer : null;
        const k = bn ? norms.indexOf(bn) : -1;
        if (bn) {
          // Statistics over every axis but the feature axis, weighted by the batch's size.
          const axis = bn.axis < 0 ? bn.axis + h.rank : bn.axis;
          const axes = h.shape.map((_, i) => i).filter((i) => i !== axis);
          const m = mean(h, axes, true);
          const v = mean(square(sub(h, m)), axes).dataSync();
          const mv = m.dataSync();
          for (let c = 0; c < mv.length; c++) {
            sums[k].mean[c] += mv[c] * size;
            sums[k].variance[c] += v[c] * size;
          }
        }
        h = layer.apply(h, { training: k >= 0 });
      }
      weight += size;
    }
  });
  norms.forEach((l, k) => {
    // The training-mode calls above also moved the statistics by momentum; overwrite with the averages.
    l.movingMean!.assign(Float32Array.from(sums[k].mean, (s) => s / weight));
    l.movingVariance!.assign(Float32Array.from(sums[k].variance, (s) => s / weight));
  });
}
