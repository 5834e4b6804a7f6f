import { gather, noGrad, slice, tensor, ValueError, type Rng, type Tensor } from '@strata/core';
import type { Batch } from './train_step';

/** Rows `begin .. begin + size` along the batch axis. */
export function takeRange(t: Tensor, begin: number, size: number): Tensor {
  return noGrad(() => slice(t, t.shape.map((_, i) => (i === 0 ? begin : 0)), t.shape.map((d, i) => (i === 0 ? size : d))));
}

/** Rows at `indices` along the batch axis. */
export function takeRows(t: Tensor, indices: Int32Array): Tensor {
  return noGrad(() => gather(t, indices));
}

/** A Fisher-Yates permutation of 0..n-1 drawn from `rng` (so a seed fixes it). */
export function shuffledOrder(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/**
 * Keras's validation_split: the LAST `split` fraction of the samples, taken before any
 * shuffling; the split point is floor(n * (1 - split)).
 */
export function splitForValidation(x: Tensor, y: Tensor, split: number): { train: [Tensor, Tensor]; val: [Tensor, Tensor] } {
  const n = x.shape[0];
  const at = Math.floor(n * (1 - split));
  if (at === 0 || at === n) {
    throw new ValueError(`fit: validationSplit = ${split} of ${n} samples leaves ${at === 0 ? 'no training' : 'no validation'} samples; use more data or another split`);
  }
  return {
    train: [takeRange(x, 0, at), takeRange(y, 0, at)],
    val: [takeRange(x, at, n - at), takeRange(y, at, n - at)],
  };
}

/**
 * The batches of one epoch, `batchSize` samples each (the last one may be smaller), in
 * `order` when shuffling, else in sample order.
 */
export function* arrayBatches(x: Tensor, y: Tensor, sampleWeight: Tensor | null, batchSize: number, order: Int32Array | null): Generator<Batch> {
  const n = x.shape[0];
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    if (order) {
      const idx = order.subarray(start, start + size);
      yield { x: takeRows(x, idx), y: takeRows(y, idx), sampleWeight: sampleWeight && takeRows(sampleWeight, idx) };
    } else {
      yield { x: takeRange(x, start, size), y: takeRange(y, start, size), sampleWeight: sampleWeight && takeRange(sampleWeight, start, size) };
    }
  }
}

/** The inputs alone of the batches `arrayBatches` yields for the same order. */
export function* arrayInputBatches(x: Tensor, batchSize: number, order: Int32Array | null): Generator<Tensor> {
  const n = x.shape[0];
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    yield order ? takeRows(x, order.subarray(start, start + size)) : takeRange(x, start, size);
  }
}

/**
 * Per-sample weights from Keras's class_weight: the class of a sample is the argmax of a
 * one-hot row, else its (rounded) label; classes not listed weigh 1.
 */
export function classSampleWeights(y: Tensor, classWeight: Readonly<Record<number, number>>): Tensor {
  const n = y.shape[0];
  const width = y.rank > 1 ? y.shape[y.rank - 1] : 1;
  if (y.rank > 2) throw new ValueError(`fit: classWeight supports labels of rank 1 or 2, got shape [${y.shape.join(', ')}]`);
  const w = new Float32Array(n);
  const v = y.values;
  for (let i = 0; i < n; i++) {
    let c = 0;
    if (width > 1) {
      for (let k = 1; k < width; k++) if (v[i * width + k] > v[i * width + c]) c = k;
    } else {
      c = Math.round(v[i]);
    }
    w[i] = classWeight[c] ?? 1;
  }
  return tensor(w, [n]);
}

/** Resolves after pending I/O and timers had a turn: lets progress output and callbacks flush. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
