import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { fmtShape, sizeOf } from '../util/shape';

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
  const values = getBackend().slice(x.values, x.shape, begin, ext);
  return record(new Tensor(values, ext, x.dtype), 'slice', [x], (dy) => [
    new Tensor(getBackend().sliceGrad(dy.f32, ext, x.shape, begin), x.shape, 'float32'),
  ]);
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
  const parts = tensors.map((t) => (dtype === 'int32' ? t.values : t.f32));
  const values = getBackend().concat(parts, outer, tensors.map((t) => t.shape[ax] * inner));
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
  const bad = Array.prototype.findIndex.call(idx, (r: number) => !Number.isInteger(r) || r < 0 || r >= rows);
  if (bad >= 0) throw new ShapeError(`gather: index ${idx[bad]} at position ${bad} is out of range for ${rows} rows`);
  const values = getBackend().gather(x.values, idx, row);
  return record(new Tensor(values, shape, x.dtype), 'gather', [x], (dy) => [
    new Tensor(getBackend().gatherGrad(dy.f32, idx, rows, row), x.shape, 'float32'),
  ]);
}
