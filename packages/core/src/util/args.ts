import { ValueError } from '../errors';

/** A number-or-pair argument (kernel size, strides, pool size, dilation). */
export type Pair = number | readonly [number, number];

/** A number-or-pair argument as a pair of positive integers, or a ValueError naming the function and argument. */
export function normalizePair(v: unknown, who: string, arg: string): [number, number] {
  const p = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? v : null;
  if (!p || !p.every((x) => Number.isInteger(x) && x > 0)) {
    throw new ValueError(`${who}: ${arg} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1]];
}
