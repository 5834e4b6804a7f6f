import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import { ValueError } from '../errors';
import { Tensor, type DType } from '../tensor/tensor';

/** Converts the dtype (float to int truncates toward zero). */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const values = getBackend().cast(x.values, dtype);
  return record(new Tensor(values, x.shape, dtype), 'cast', [x], (dy) => [dy]);
}

/**
 * One-hot rows for integer class indices: shape [...indices.shape, depth], float32.
 * Indices outside [0, depth) are an error, not a silent zero row.
 */
export function oneHot(indices: Tensor | ArrayLike<number>, depth: number, onValue = 1, offValue = 0): Tensor {
  if (!Number.isInteger(depth) || depth <= 0) throw new ValueError(`oneHot: depth must be a positive integer, got ${depth}`);
  const idx = indices instanceof Tensor ? indices.values : indices;
  const shape = indices instanceof Tensor ? [...indices.shape, depth] : [idx.length, depth];
  const bad = Array.prototype.findIndex.call(idx, (c: number) => !Number.isInteger(c) || c < 0 || c >= depth);
  if (bad >= 0) throw new ValueError(`oneHot: index ${idx[bad]} at position ${bad} is not an integer in [0, ${depth})`);
  return new Tensor(getBackend().oneHot(idx, depth, onValue, offValue), shape, 'float32');
}
