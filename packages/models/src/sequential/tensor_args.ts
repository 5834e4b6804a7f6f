import { ShapeError, Tensor, tensor, ValueError } from '@strata/core';

/** The shape of a nested array, checking it is rectangular; messages name the first bad index (`x[3][1]`). */
function nestedShape(data: unknown, name: string): number[] {
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) shape.push(level.length);
  const walk = (v: unknown, depth: number, at: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new ValueError(`${at} is ${JSON.stringify(v) ?? String(v)}; expected a number`);
      return;
    }
    if (!Array.isArray(v)) throw new ShapeError(`${at} is a ${typeof v}, expected an array of ${shape[depth]} (the array is ragged)`);
    if (v.length !== shape[depth]) throw new ShapeError(`${at} has ${v.length} entries, expected ${shape[depth]} like ${name}${'[0]'.repeat(depth)} (the array is ragged)`);
    v.forEach((item, i) => walk(item, depth + 1, `${at}[${i}]`));
  };
  walk(data, 0, name);
  return shape;
}

/** What a non-tensor argument is, for a TypeError. */
function described(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of ${(v as unknown as ArrayLike<number>).length} values without a shape`;
  if (typeof v === 'object') return `a ${v.constructor?.name ?? 'object'}`;
  return `a ${typeof v} (${String(v).slice(0, 40)})`;
}

/**
 * A data argument of fit / evaluate / predict / trainOnBatch / testOnBatch as a tensor: a Tensor
 * as it is, a nested array of numbers with its shape inferred (a ragged one is an error naming
 * the index). Anything else is a TypeError saying what came and how to make a tensor.
 */
export function toTensorArg(v: unknown, who: string, arg: string): Tensor {
  if (v instanceof Tensor) return v;
  if (Array.isArray(v)) {
    try {
      return tensor(v.flat(Infinity) as number[], nestedShape(v, arg));
    } catch (e) {
      if (e instanceof ShapeError) throw new ShapeError(`${who}: ${e.message}`);
      if (e instanceof ValueError) throw new ValueError(`${who}: ${e.message}`);
      throw e;
    }
  }
  throw new TypeError(`${who}: ${arg} must be a Tensor or a nested array of numbers, got ${described(v)}; make a tensor with tensor(values, shape) from @strata/core, e.g. tensor(data, [samples, ...featureShape])`);
}
