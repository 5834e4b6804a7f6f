// Data movement: blocks, concatenation and row gathers (float32 or int32, as the input).
import type { TypedArray } from '../../tensor/tensor';
import { sizeOf } from '../../util/shape';

/**
 * Copies the block [begin, begin + size) out of x (or into it, for the gradient), one
 * contiguous run of the last axis at a time.
 */
function copyBlock(src: ArrayLike<number>, srcShape: readonly number[], dst: { [i: number]: number }, dstShape: readonly number[], begin: readonly number[], toBlock: boolean): void {
  const rank = srcShape.length;
  const block = toBlock ? dstShape : srcShape;
  const full = toBlock ? srcShape : dstShape;
  const n = sizeOf(block);
  if (n === 0) return;
  const fullStrides = full.map((_, i) => sizeOf(full.slice(i + 1)));
  const run = block[rank - 1] ?? 1;
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < n; o += run) {
    let f = 0;
    for (let a = 0; a < rank; a++) f += (idx[a] + begin[a]) * fullStrides[a];
    for (let j = 0; j < run; j++) {
      if (toBlock) dst[o + j] = src[f + j];
      else dst[f + j] += src[o + j];
    }
    for (let a = rank - 2; a >= 0; a--) {
      if (++idx[a] < block[a]) break;
      idx[a] = 0;
    }
  }
}


const like = (x: TypedArray, n: number): TypedArray => (x instanceof Int32Array ? new Int32Array(n) : new Float32Array(n));

/** Backend.slice: the block [begin, begin + size) of x (row-major, `shape`), in x's dtype. */
export function slice(x: TypedArray, shape: readonly number[], begin: readonly number[], size: readonly number[]): TypedArray {
  const out = like(x, sizeOf(size));
  copyBlock(x, shape, out, size, begin, true);
  return out;
}

/** Backend.sliceGrad: dy (of the block's shape) placed at `begin` in zeros of `shape`. */
export function sliceGrad(dy: Float32Array, size: readonly number[], shape: readonly number[], begin: readonly number[]): Float32Array {
  const g = new Float32Array(sizeOf(shape));
  copyBlock(dy, size, g, shape, begin, false);
  return g;
}

/** Backend.concat: parts viewed as [outer, len_i], joined along the second axis; int32 only when every part is. */
export function concat(parts: readonly TypedArray[], outer: number, lens: readonly number[]): TypedArray {
  const rowLen = lens.reduce((a, b) => a + b, 0);
  const out: TypedArray = parts.every((p) => p instanceof Int32Array) ? new Int32Array(outer * rowLen) : new Float32Array(outer * rowLen);
  let offset = 0;
  parts.forEach((p, k) => {
    const len = lens[k];
    for (let o = 0; o < outer; o++) out.set(p.subarray(o * len, (o + 1) * len), o * rowLen + offset);
    offset += len;
  });
  return out;
}

/** Backend.gather: rows idx[i] (each `row` values) of x, in x's dtype; indices already checked. */
export function gather(x: TypedArray, idx: ArrayLike<number>, row: number): TypedArray {
  const out = like(x, idx.length * row);
  for (let i = 0; i < idx.length; i++) out.set(x.subarray(idx[i] * row, (idx[i] + 1) * row), i * row);
  return out;
}

/** Backend.gatherGrad: each dy row added at its index in zeros of `rows` rows. */
export function gatherGrad(dy: Float32Array, idx: ArrayLike<number>, rows: number, row: number): Float32Array {
  const g = new Float32Array(rows * row);
  for (let i = 0; i < idx.length; i++) {
    const base = idx[i] * row;
    for (let j = 0; j < row; j++) g[base + j] += dy[i * row + j];
  }
  return g;
}
