import { checkOptions, kernelScope, noGrad, slice, ValueError, type Tensor } from '@strata/core';
import { BatchNormalization, type Layer } from '@strata/layers';
import type { TrainableModel } from './model';
import { checkModelInput } from './model_input';

export interface BatchNormStatisticsOptions {
  /** Samples per forward pass. Default 256. */
  batchSize?: number;
}

/** Per-channel mean and biased variance of `values` (shape `shape`) over every axis but `axis`, in float64. */
function channelMoments(values: ArrayLike<number>, shape: readonly number[], axis: number): { mean: Float64Array; variance: Float64Array } {
  const c = shape[axis];
  // Viewed as [outer, c, inner]; channels-last (inner = 1) is the common case.
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = values.length / (c * inner);
  const count = outer * inner;
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let o = 0, i = 0; o < outer; o++) {
    for (let k = 0; k < c; k++) {
      let s = 0;
      for (let j = 0; j < inner; j++) s += values[i++];
      mean[k] += s;
    }
  }
  for (let k = 0; k < c; k++) mean[k] /= count;
  // Two passes: the sum of squared deviations, not E[x^2] - E[x]^2, which cancels badly.
  for (let o = 0, i = 0; o < outer; o++) {
    for (let k = 0; k < c; k++) {
      const m = mean[k];
      let s = 0;
      for (let j = 0; j < inner; j++) {
        const d = values[i++] - m;
        s += d * d;
      }
      variance[k] += s;
    }
  }
  for (let k = 0; k < c; k++) variance[k] /= count;
  return { mean, variance };
}

/**
 * The exact average of every trainable BatchNormalization layer's batch statistics over the
 * batches given to `add` ("precise BN", Wu & Johnson 2021; fvcore's PreciseBN, PyTorch's
 * `swa_utils.update_bn`), weighted by batch size and summed in float64, unlike the momentum EMA
 * training keeps. Each pass runs in inference mode except that every BatchNormalization
 * normalises with its batch statistics, as in training, so the layers after it see what they
 * saw in training; dropout stays off. Trainable weights are never touched. Frozen
 * (non-trainable) BatchNormalization layers keep their statistics, as Keras keeps them.
 */
export class BatchNormStatisticsAccumulator {
  private readonly norms: BatchNormalization[];
  private readonly sums: { mean: Float64Array; variance: Float64Array }[];
  private weight = 0;

  constructor(private readonly layers: readonly Layer[]) {
    this.norms = layers.filter((l): l is BatchNormalization => l instanceof BatchNormalization && l.trainable && l.movingMean !== null);
    this.sums = this.norms.map((l) => ({ mean: new Float64Array(l.movingMean!.size), variance: new Float64Array(l.movingMean!.size) }));
  }

  /** The number of BatchNormalization layers whose statistics are averaged. */
  get layerCount(): number {
    return this.norms.length;
  }

  /** Samples seen so far. */
  get samples(): number {
    return this.weight;
  }

  /** Runs one batch of inputs through the layers and adds each layer's batch statistics. */
  add(x: Tensor): void {
    const size = x.shape[0];
    // One unit of work: activations stay in the backend's memory between layers (nothing from
    // inside is kept but the float64 sums).
    kernelScope(() => noGrad(() => {
      let h = x;
      for (const layer of this.layers) {
        const k = layer instanceof BatchNormalization ? this.norms.indexOf(layer) : -1;
        if (k >= 0) {
          const bn = this.norms[k];
          const m = channelMoments(h.dataSync(), h.shape, bn.axis < 0 ? bn.axis + h.rank : bn.axis);
          for (let c = 0; c < m.mean.length; c++) {
            this.sums[k].mean[c] += m.mean[c] * size;
            this.sums[k].variance[c] += m.variance[c] * size;
          }
        }
        h = layer.apply(h, { training: k >= 0 });
      }
    }));
    this.weight += size;
  }

  /**
   * Sets the moving statistics to the averages. The training-mode calls in `add` also moved
   * them by momentum; this overwrites that.
   */
  assign(): void {
    if (this.weight === 0) throw new ValueError('BatchNormalization statistics: no batches were added');
    this.norms.forEach((l, k) => {
      l.movingMean!.assign(Float32Array.from(this.sums[k].mean, (s) => s / this.weight));
      l.movingVariance!.assign(Float32Array.from(this.sums[k].variance, (s) => s / this.weight));
    });
  }
}

/**
 * Re-estimates every BatchNormalization layer's moving mean and variance as the average batch
 * statistics over `x`, `batchSize` samples at a time (see {@link BatchNormStatisticsAccumulator}).
 * Keras's momentum 0.99 leaves 0.99^n of the initial statistics after n steps, so a short run
 * (a few hundred steps) still normalises with statistics far from the data's, and inference
 * accuracy lags training accuracy badly; averaging over the data fixes that without changing
 * any trained weight. The `PreciseBatchNormalization` callback does the same during `fit`.
 */
export function estimateBatchNormStatistics(model: TrainableModel, x: Tensor, options: BatchNormStatisticsOptions = {}): void {
  const batchSize = checkOptions(options, ['batchSize'], 'estimateBatchNormStatistics').batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ValueError(`estimateBatchNormStatistics: batchSize must be a positive integer, got ${batchSize}`);
  }
  const n = x.shape[0];
  if (!(n > 0)) throw new ValueError('estimateBatchNormStatistics: x has no samples');
  checkModelInput(model, x, 'estimateBatchNormStatistics');
  const statistics = new BatchNormStatisticsAccumulator(model.layers);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    statistics.add(noGrad(() => slice(x, x.shape.map((_, i) => (i === 0 ? start : 0)), x.shape.map((d, i) => (i === 0 ? size : d)))));
  }
  statistics.assign();
}
