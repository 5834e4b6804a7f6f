import { getBackend } from '../backends/registry';
import type { ReduceKernel } from '../backends/backend';
import { record } from '../autograd/record';
import { Tensor } from '../tensor/tensor';
import { fmtShape, normalizeAxes, normalizeAxis, shapesEqual, sizeOf } from '../util/shape';
import { float } from './util';
import { reshape } from './reshape';
import { ShapeError } from '../errors';

type Axis = number | readonly number[];

/** Runs a reduce kernel over `axes`, transposing first when they are not one contiguous block. */
function reduceRaw(kernel: ReduceKernel, x: Tensor, axes: number[]): Float32Array {
  const shape = x.shape;
  if (axes.length === 0) return x.f32.slice();
  const contiguous = axes[axes.length - 1] - axes[0] === axes.length - 1;
  if (contiguous) {
    const outer = sizeOf(shape.slice(0, axes[0]));
    const size = sizeOf(shape.slice(axes[0], axes[axes.length - 1] + 1));
    const inner = sizeOf(shape.slice(axes[axes.length - 1] + 1));
    return getBackend().reduce(kernel, x.f32, outer, size, inner);
  }
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const moved = getBackend().transpose(x.f32, shape, perm);
  return getBackend().reduce(kernel, moved, sizeOf(kept.map((i) => shape[i])), sizeOf(axes.map((i) => shape[i])), 1);
}

function reducedShape(shape: readonly number[], axes: number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

/** Broadcasts `x` to `shape` (NumPy rules); the gradient sums back. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const off = shape.length - x.rank;
  if (off < 0 || x.shape.some((d, i) => d !== 1 && d !== shape[i + off])) {
    throw new ShapeError(`broadcastTo: cannot broadcast shape ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
  }
  const values = getBackend().binary('add', x.f32, x.shape, new Float32Array(1), [], shape);
  return record(float(values, shape), 'broadcastTo', [x], (dy) => [sumToShape(dy, x.shape)]);
}

/** Sums a broadcast result back to `shape`: the gradient of broadcasting. */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const off = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) if (i < off || (shape[i - off] === 1 && g.shape[i] !== 1)) axes.push(i);
  return reshape(sum(g, axes, false), shape);
}


export function sum(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  const axes = normalizeAxes(axis, x.rank, 'sum');
  const outShape = reducedShape(x.shape, axes, keepDims);
  const out = float(reduceRaw('sum', x, axes), outShape);
  const kept = reducedShape(x.shape, axes, true);
  return record(out, 'sum', [x], (dy) => [broadcastTo(reshape(dy, kept), x.shape)]);
}

export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  const axes = normalizeAxes(axis, x.rank, 'mean');
  const count = sizeOf(axes.map((a) => x.shape[a]));
  const s = sum(x, axes, keepDims);
  const inv = Float32Array.of(1 / count);
  const scale = (v: Tensor): Float32Array => getBackend().binary('mul', v.f32, v.shape, inv, [], v.shape);
  const out = float(scale(s), s.shape);
  const kept = reducedShape(x.shape, axes, true);
  return record(out, 'mean', [x], (dy) => [float(scale(broadcastTo(reshape(dy, kept), x.shape)), x.shape)]);
}

/** Max/min gradient: split equally among tied extremes, as TensorFlow does. */
function extremum(kernel: 'max' | 'min', x: Tensor, axis: Axis | undefined, keepDims: boolean): Tensor {
  const axes = normalizeAxes(axis, x.rank, kernel);
  const outShape = reducedShape(x.shape, axes, keepDims);
  const out = float(reduceRaw(kernel, x, axes), outShape);
  const kept = reducedShape(x.shape, axes, true);
  return record(out, kernel, [x], (dy) => {
    const b = getBackend();
    const mask = b.binary('equal', x.f32, x.shape, out.f32, kept, x.shape);
    const counts = reduceRaw('sum', float(mask, x.shape), axes);
    const share = b.binary('div', dy.f32, kept, counts, kept, kept);
    return [float(b.binary('mul', mask, x.shape, share, kept, x.shape), x.shape)];
  });
}

export function max(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  return extremum('max', x, axis, keepDims);
}

export function min(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  return extremum('min', x, axis, keepDims);
}

/** Index of the largest value along `axis` (first on ties), as int32. Not differentiable. */
export function argmax(x: Tensor, axis = -1): Tensor {
  const ax = normalizeAxis(axis, x.rank, 'argmax');
  const outer = sizeOf(x.shape.slice(0, ax));
  const n = x.shape[ax];
  const inner = sizeOf(x.shape.slice(ax + 1));
  const out = getBackend().argmax(x.f32, outer, n, inner);
  return new Tensor(out, x.shape.filter((_, i) => i !== ax), 'int32');
}
