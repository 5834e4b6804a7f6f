import { checkOptions, concat, fmtShape, kernelScope, noGrad, ShapeError, Tensor, ValueError } from '@strata/core';
import type { Layer } from '@strata/layers';
import type { MetricLogs } from '../callbacks/callback';
import { arrayBatches, takeRange } from './data';
import { EpochMetrics } from './epoch_metrics';
import { forwardLayers, type LossPlan } from './forward';
import { buildForInput } from './model_input';
import { BATCH_KEYS, type BatchOptions } from './options';
import type { TrainableModel } from './model';
import type { TrainingContext } from './training_context';
import { testStep, type Batch } from './train_step';
import { checkPositiveInteger } from './validation';

/** Loss and metrics over checked arrays, batch by batch, keys prefixed (e.g. 'val_'). */
export function evaluateArrays(t: TrainingContext, plan: LossPlan, x: Tensor, y: Tensor, batchSize: number, prefix = ''): MetricLogs {
  const metrics = new EpochMetrics(t.createMetrics());
  for (const batch of arrayBatches(x, y, null, batchSize, null)) testStep(t, plan, batch, metrics);
  return metrics.logs(prefix);
}

/** Loss and metrics over batches that arrive asynchronously (a validation dataset). */
export async function evaluateStream(t: TrainingContext, plan: LossPlan, batches: AsyncIterable<Batch> | Iterable<Batch>, prefix = ''): Promise<MetricLogs> {
  const metrics = new EpochMetrics(t.createMetrics());
  for await (const batch of batches) testStep(t, plan, batch, metrics);
  return metrics.logs(prefix);
}

/**
 * The checks of `predict` and `predictAsync` (`who`), all made before any work: options, `x`
 * (a tensor with a batch axis and at least one sample, of the model's input shape; a model
 * without an input shape is built for it). Returns the batch size.
 */
export function preparePredict(model: TrainableModel, x: Tensor, options: BatchOptions, who: string): number {
  checkOptions(options, BATCH_KEYS, who);
  const batchSize = checkPositiveInteger(options.batchSize ?? 32, who, 'batchSize');
  if (x.rank === 0) throw new ShapeError(`${who}: x needs a batch axis, got a scalar`);
  if (x.shape[0] === 0) throw new ValueError(`${who}: x holds no samples (shape ${fmtShape(x.shape)}); expected at least one, along the first axis`);
  buildForInput(model, x, who);
  return batchSize;
}

/** Inference-mode outputs for every sample, computed `batchSize` at a time and concatenated. */
/**
 * Inference is per sample, so a large batch is computed in slices of at most this many rows:
 * the same results (every kernel sums in a fixed order independent of the row count), but
 * activation-sized arrays stay a few MB instead of hundreds (measured on the article's model:
 * batch 256 in one pass ran at half the samples/s of slices of 32).
 */
const INFERENCE_SLICE = 32;

export function predictArrays(model: { readonly layers: readonly Layer[] }, x: Tensor, batchSize: number): Tensor {
  const step = Math.min(batchSize, INFERENCE_SLICE);
  return noGrad(() => {
    const n = x.shape[0];
    const outputs: Tensor[] = [];
    for (let start = 0; start < n; start += step) {
      const size = Math.min(step, n - start);
      const xb = start === 0 && size === n ? x : takeRange(x, start, size);
      outputs.push(kernelScope(() => forwardLayers(model.layers, xb, false))); // copied out of the scope
    }
    return outputs.length === 1 ? outputs[0] : concat(outputs, 0);
  });
}
