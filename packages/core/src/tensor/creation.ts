import { ShapeError, ValueError } from '../errors';
import { makeRng, normalSampler, type Rng } from '../random';
import { assertValidShape, fmtShape, sizeOf, type Shape } from '../util/shape';
import { Tensor, type DType, type NestedArray, type TypedArray } from './tensor';

export type TensorData = NestedArray | TypedArray | readonly number[];

export interface TensorOptions {
  dtype?: DType;
  /** Record ops on this tensor for `backward()`. */
  requiresGrad?: boolean;
  /** Reject NaN and ±Infinity in the data. Off by default: checking costs a pass. */
  checkFinite?: boolean;
}

function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

function flatten(data: NestedArray, shape: number[], out: number[], dim: number): void {
  if (dim === shape.length) {
    if (typeof data !== 'number') throw new ShapeError(`tensor: nested arrays are ragged, expected a number at depth ${dim}`);
    out.push(data);
    return;
  }
  if (!Array.isArray(data) || data.length !== shape[dim]) {
    throw new ShapeError(`tensor: nested arrays are ragged, expected ${shape[dim]} elements at depth ${dim}, got ${Array.isArray(data) ? data.length : 'a number'}`);
  }
  for (const d of data) flatten(d, shape, out, dim + 1);
}

function allocate(dtype: DType, n: number): TypedArray {
  return dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
}

/**
 * A tensor from a number, nested arrays or a flat typed array (with `shape`).
 * Typed arrays of the right dtype are used without copying.
 */
export function tensor(data: TensorData, shape?: Shape, options: TensorOptions = {}): Tensor {
  const dtype: DType = options.dtype ?? (data instanceof Int32Array ? 'int32' : 'float32');
  let values: TypedArray;
  let inferred: number[];
  if (ArrayBuffer.isView(data)) {
    values = dtype === 'int32' ? (data instanceof Int32Array ? data : Int32Array.from(data)) : data instanceof Float32Array ? data : Float32Array.from(data);
    inferred = [values.length];
  } else if (typeof data === 'number') {
    values = allocate(dtype, 1);
    values[0] = data;
    inferred = [];
  } else {
    inferred = inferShape(data as NestedArray);
    const flat: number[] = [];
    flatten(data as NestedArray, inferred, flat, 0);
    values = dtype === 'int32' ? Int32Array.from(flat) : Float32Array.from(flat);
  }
  const finalShape = shape ? [...shape] : inferred;
  assertValidShape(finalShape, 'tensor');
  if (sizeOf(finalShape) !== values.length) {
    throw new ShapeError(`tensor: data has ${values.length} values but shape ${fmtShape(finalShape)} needs ${sizeOf(finalShape)}`);
  }
  if (options.checkFinite) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new ValueError(`tensor: data contains ${values[i]} at flat index ${i}; expected finite values`);
    }
  }
  const t = new Tensor(values, finalShape, dtype);
  t.requiresGrad = options.requiresGrad ?? false;
  return t;
}

export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return tensor(value, [], { dtype });
}

export function fill(shape: Shape, value: number, dtype: DType = 'float32'): Tensor {
  assertValidShape(shape, 'fill');
  const values = allocate(dtype, sizeOf(shape));
  if (value !== 0) values.fill(value);
  return new Tensor(values, shape, dtype);
}

export function zeros(shape: Shape, dtype: DType = 'float32'): Tensor {
  return fill(shape, 0, dtype);
}

export function ones(shape: Shape, dtype: DType = 'float32'): Tensor {
  return fill(shape, 1, dtype);
}

export function zerosLike(t: Tensor): Tensor {
  return zeros(t.shape, t.dtype);
}

export function onesLike(t: Tensor): Tensor {
  return ones(t.shape, t.dtype);
}

export interface RandomOptions {
  /** A seed for this draw alone; without it the draw follows the global seed (`setSeed`). */
  seed?: number | string;
  /** An explicit generator; overrides `seed`. */
  rng?: Rng;
}

function rngOf(o: RandomOptions): Rng {
  return o.rng ?? makeRng(o.seed);
}

function sampled(shape: Shape, op: string, draw: () => number): Tensor {
  assertValidShape(shape, op);
  const values = new Float32Array(sizeOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = draw();
  return new Tensor(values, shape, 'float32');
}

export function randomUniform(shape: Shape, options: RandomOptions & { minval?: number; maxval?: number } = {}): Tensor {
  const { minval = 0, maxval = 1 } = options;
  if (!(maxval > minval)) throw new ValueError(`randomUniform: maxval (${maxval}) must be greater than minval (${minval})`);
  const rng = rngOf(options);
  return sampled(shape, 'randomUniform', () => minval + (maxval - minval) * rng());
}

export function randomNormal(shape: Shape, options: RandomOptions & { mean?: number; stddev?: number } = {}): Tensor {
  const { mean = 0, stddev = 1 } = options;
  if (!(stddev >= 0)) throw new ValueError(`randomNormal: stddev must be >= 0, got ${stddev}`);
  const normal = normalSampler(rngOf(options));
  return sampled(shape, 'randomNormal', () => mean + stddev * normal());
}

/** Normal draws redrawn until within two standard deviations, as TensorFlow's truncated normal. */
export function truncatedNormal(shape: Shape, options: RandomOptions & { mean?: number; stddev?: number } = {}): Tensor {
  const { mean = 0, stddev = 1 } = options;
  if (!(stddev >= 0)) throw new ValueError(`truncatedNormal: stddev must be >= 0, got ${stddev}`);
  const normal = normalSampler(rngOf(options));
  return sampled(shape, 'truncatedNormal', () => {
    let v = normal();
    while (Math.abs(v) > 2) v = normal();
    return mean + stddev * v;
  });
}
