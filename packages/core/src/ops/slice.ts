import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { fmtShape, sizeOf } from '../util/shape';

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

/** The block starting at `begin` of extent `size` (-1: to the end), as TensorFlow's slice. */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  if (begin.length !== x.rank || (size && size.length !== x.rank)) {
    throw new ShapeError(`slice: begin ${fmtShape(begin)} and size ${fmtShape(size ?? [])} must have one entry per axis of shape ${fmtShape(x.shape)}`);
  }
  const ext = x.shape.map((d, i) => (size && size[i] !== -1 ? size[i] : d - begin[i]));
  x.shape.forEach((d, i) => {
    if (!Number.isInteger(begin[i]) || begin[i] < 0 || ext[i] < 0 || begin[i] + ext[i] > d) {
      throw new ShapeError(`slice: begin ${fmtShape(begin)} size ${fmtShape(ext)} is out of bounds for shape ${fmtShape(x.shape)} (axis ${i})`);
    }
  });
  const values = x.dtype === 'int32' ? new Int32Array(sizeOf(ext)) : new Float32Array(sizeOf(ext));
  copyBlock(x.values, x.shape, values, ext, begin, true);
  return record(new Tensor(values, ext, x.dtype), 'slice', [x], (dy) => {
    const g = new Float32Array(x.size);
    copyBlock(dy.f32, ext, g, x.shape, begin, false);
    return [new Tensor(g, x.shape, 'float32')];
  });
}

/** Joins tensors along `axis`; all other dimensions must match. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('concat: needs at least one tensor');
  const first = tensors[0];
  const ax = axis < 0 ? axis + first.rank : axis;
  if (ax < 0 || ax >= first.rank) throw new ShapeError(`concat: axis ${axis} is out of range for rank ${first.rank}`);
  for (const t of tensors) {
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== ax && d !== first.shape[i])) {
      throw new ShapeError(`concat: shapes ${tensors.map((s) => fmtShape(s.shape)).join(', ')} differ outside axis ${ax}`);
    }
  }
  const shape = [...first.shape];
  shape[ax] = tensors.reduce((s, t) => s + t.shape[ax], 0);
  const outer = sizeOf(first.shape.slice(0, ax));
  const inner = sizeOf(first.shape.slice(ax + 1));
  const dtype = tensors.every((t) => t.dtype === 'int32') ? 'int32' : 'float32';
  const values = dtype === 'int32' ? new Int32Array(sizeOf(shape)) : new Float32Array(sizeOf(shape));
  const rowLen = shape[ax] * inner;
  let offset = 0;
  for (const t of tensors) {
    const len = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++) values.set(t.values.subarray(o * len, (o + 1) * len), o * rowLen + offset);
    offset += len;
  }
  return record(new Tensor(values, shape, dtype), 'concat', tensors, (dy) => {
    let start = 0;
    return tensors.map((t) => {
      const begin = shape.map((_, i) => (i === ax ? start : 0));
      start += t.shape[ax];
      return t.requiresGrad ? slice(dy, begin, t.shape) : null;
    });
  });
}

/** Rows of x (along axis 0) at `indices`: how batches are cut from a dataset. */
export function gather(x: Tensor, indices: Tensor | ArrayLike<number>): Tensor {
  const idx = indices instanceof Tensor ? indices.values : indices;
  const rows = x.shape[0];
  if (x.rank === 0) throw new ShapeError('gather: cannot gather rows of a scalar');
  const row = sizeOf(x.shape.slice(1));
  const shape = [idx.length, ...x.shape.slice(1)];
  const values = x.dtype === 'int32' ? new Int32Array(sizeOf(shape)) : new Float32Array(sizeOf(shape));
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    if (!Number.isInteger(r) || r < 0 || r >= rows) {
      throw new ShapeError(`gather: index ${r} at position ${i} is out of range for ${rows} rows`);
    }
    values.set(x.values.subarray(r * row, (r + 1) * row), i * row);
  }
  return record(new Tensor(values, shape, x.dtype), 'gather', [x], (dy) => {
    const g = new Float32Array(x.size);
    const d = dy.f32;
    for (let i = 0; i < idx.length; i++) {
      const base = idx[i] * row;
      for (let j = 0; j < row; j++) g[base + j] += d[i * row + j];
    }
    return [new Tensor(g, x.shape, 'float32')];
  });
}
