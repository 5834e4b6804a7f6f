import { record } from '../autograd/record';
import { ValueError } from '../errors';
import { Tensor, type DType } from '../tensor/tensor';
import { sizeOf } from '../util/shape';

/** Converts the dtype (float to int truncates toward zero). */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const values = dtype === 'int32' ? Int32Array.from(x.values, Math.trunc) : Float32Array.from(x.values);
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
  const out = new Float32Array(sizeOf(shape));
  if (offValue !== 0) out.fill(offValue);
  for (let i = 0; i < idx.length; i++) {
    const c = idx[i];
    if (!Number.isInteger(c) || c < 0 || c >= depth) {
      throw new ValueError(`oneHot: index ${c} at position ${i} is not an integer in [0, ${depth})`);
    }
    out[i * depth + c] = onValue;
  }
  return new Tensor(out, shape, 'float32');
}
