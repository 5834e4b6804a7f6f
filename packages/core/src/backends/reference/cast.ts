import type { DType, TypedArray } from '../../tensor/tensor';

/** Backend.cast: to int32 truncating toward zero, or to float32. */
export function cast(x: TypedArray, dtype: DType): TypedArray {
  return dtype === 'int32' ? Int32Array.from(x, Math.trunc) : Float32Array.from(x);
}

/** Backend.oneHot: rows of `depth` values, onValue at each (already checked) index, offValue elsewhere. */
export function oneHot(indices: ArrayLike<number>, depth: number, onValue: number, offValue: number): Float32Array {
  const out = new Float32Array(indices.length * depth);
  if (offValue !== 0) out.fill(offValue);
  for (let i = 0; i < indices.length; i++) out[i * depth + indices[i]] = onValue;
  return out;
}
