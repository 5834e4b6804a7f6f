import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { assertValidShape, fmtShape, normalizeAxis, sizeOf } from '../util/shape';

/** Same data, new shape (one dimension may be -1 and is inferred). Shares the buffer. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new ShapeError(`reshape: at most one dimension may be -1, got ${fmtShape(shape)}`);
  let target = [...shape];
  if (unknown === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} values) into ${fmtShape(shape)}`);
    }
    target = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  assertValidShape(target, 'reshape');
  if (sizeOf(target) !== x.size) {
    throw new ShapeError(`reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} values) into ${fmtShape(target)} (${sizeOf(target)} values)`);
  }
  const out = new Tensor(x.values, target, x.dtype);
  return record(out, 'reshape', [x], (dy) => [reshape(dy, x.shape)]);
}

/** Inserts a length-1 axis at `axis`. */
export function expandDims(x: Tensor, axis = 0): Tensor {
  const ax = normalizeAxis(axis, x.rank + 1, 'expandDims');
  const shape = [...x.shape];
  shape.splice(ax, 0, 1);
  return reshape(x, shape);
}

/** Removes length-1 axes (all of them, or those in `axis`). */
export function squeeze(x: Tensor, axis?: readonly number[]): Tensor {
  const axes = axis?.map((a) => normalizeAxis(a, x.rank, 'squeeze'));
  for (const a of axes ?? []) {
    if (x.shape[a] !== 1) throw new ShapeError(`squeeze: axis ${a} of shape ${fmtShape(x.shape)} has size ${x.shape[a]}, expected 1`);
  }
  return reshape(x, x.shape.filter((d, i) => (axes ? !axes.includes(i) : d !== 1)));
}
