import { ShapeError, type Tensor } from '@strata/core';
import { MeanMetricWrapper } from './metric';

/** Rows of the last axis: [rows, width]. */
function rowsOf(t: Tensor): [number, number] {
  const width = t.rank === 0 ? 1 : t.shape[t.rank - 1];
  return [width === 0 ? 0 : t.size / width, width];
}

/** Index of the largest entry of row r (first on ties, as argmax). */
function argmaxRow(v: ArrayLike<number>, r: number, width: number): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (v[r * width + k] > v[r * width + best]) best = k;
  return best;
}

function checkRows(who: string, yTrue: Tensor, rowsTrue: number, yPred: Tensor, rowsPred: number): void {
  if (rowsTrue !== rowsPred) throw new ShapeError(`${who}: yTrue ${JSON.stringify(yTrue.shape)} and yPred ${JSON.stringify(yPred.shape)} hold different numbers of samples`);
}

/** 1 where argmax(yTrue) == argmax(yPred) (one-hot labels), per sample. */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Float32Array {
  const [rows, width] = rowsOf(yPred);
  const [rowsT, widthT] = rowsOf(yTrue);
  checkRows('categoricalAccuracy', yTrue, rowsT, yPred, rows);
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = argmaxRow(yTrue.values, r, widthT) === argmaxRow(yPred.values, r, width) ? 1 : 0;
  return out;
}

/** 1 where the integer label equals argmax(yPred), per sample. */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Float32Array {
  const [rows, width] = rowsOf(yPred);
  checkRows('sparseCategoricalAccuracy', yTrue, yTrue.size, yPred, rows);
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = yTrue.values[r] === argmaxRow(yPred.values, r, width) ? 1 : 0;
  return out;
}

/** Per sample, the fraction of entries where (yPred > threshold) equals yTrue (Keras: mean over the last axis). */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor, threshold = 0.5): Float32Array {
  const [rows, width] = rowsOf(yPred);
  if (yTrue.size !== yPred.size) throw new ShapeError(`binaryAccuracy: yTrue ${JSON.stringify(yTrue.shape)} and yPred ${JSON.stringify(yPred.shape)} differ in size`);
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let hits = 0;
    for (let k = 0; k < width; k++) hits += (yPred.values[r * width + k] > threshold ? 1 : 0) === yTrue.values[r * width + k] ? 1 : 0;
    out[r] = hits / width;
  }
  return out;
}

/**
 * 1 where the true class (argmax of one-hot yTrue) is among the k highest predictions. Like
 * TensorFlow's in_top_k, classes tied with the true one count in its favour: the true class is
 * in the top k when fewer than k classes score strictly higher.
 */
export function topKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Float32Array {
  const [rows, width] = rowsOf(yPred);
  const [rowsT, widthT] = rowsOf(yTrue);
  checkRows('topKCategoricalAccuracy', yTrue, rowsT, yPred, rows);
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const target = yPred.values[r * width + argmaxRow(yTrue.values, r, widthT)];
    let higher = 0;
    for (let c = 0; c < width; c++) if (yPred.values[r * width + c] > target) higher++;
    out[r] = higher < k ? 1 : 0;
  }
  return out;
}

/** Running categorical accuracy ('categorical_accuracy'). */
export class CategoricalAccuracy extends MeanMetricWrapper {
  constructor(name = 'categorical_accuracy') {
    super(name, categoricalAccuracy);
  }
}

/** Running sparse categorical accuracy ('sparse_categorical_accuracy'). */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  constructor(name = 'sparse_categorical_accuracy') {
    super(name, sparseCategoricalAccuracy);
  }
}

/** Running binary accuracy at a threshold ('binary_accuracy'). */
export class BinaryAccuracy extends MeanMetricWrapper {
  constructor(name = 'binary_accuracy', threshold = 0.5) {
    super(name, (t, p) => binaryAccuracy(t, p, threshold));
  }
}

/** Running top-k categorical accuracy ('top_k_categorical_accuracy', k = 5 as Keras). */
export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  constructor(k = 5, name = 'top_k_categorical_accuracy') {
    super(name, (t, p) => topKCategoricalAccuracy(t, p, k));
  }
}
