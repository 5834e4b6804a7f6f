import { fmtValue, ValueError } from '@strata/core';

export function checkPositiveInt(v: unknown, who: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new ValueError(`${who}: ${arg} must be a positive integer, got ${fmtValue(v)}`);
  }
  return v;
}

/** An optional boolean argument: `fallback` when undefined, else it must be true or false. */
export function checkBoolean(v: unknown, who: string, arg: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new ValueError(`${who}: ${arg} must be true or false, got ${fmtValue(v)}`);
  return v;
}

export function checkPadding(v: unknown, who: string): 'valid' | 'same' {
  if (v !== 'valid' && v !== 'same') throw new ValueError(`${who}: padding must be 'valid' or 'same', got ${fmtValue(v)}`);
  return v;
}

export function checkDataFormat(v: unknown, who: string): void {
  if (v !== undefined && v !== 'channelsLast' && v !== 'channels_last') {
    throw new ValueError(`${who}: dataFormat must be 'channelsLast' (NHWC), got ${fmtValue(v)}`);
  }
}

/** Keras's 2D padding / cropping argument: n, [h, w] (symmetric) or [[top, bottom], [left, right]]. */
export type Amounts2D = number | readonly [number, number] | readonly [readonly [number, number], readonly [number, number]];

/** An {@link Amounts2D} as [[top, bottom], [left, right]] of non-negative integers, or a ValueError naming the argument. */
export function normalizeAmounts2D(v: unknown, who: string, arg: string): [[number, number], [number, number]] {
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  const pair = (p: unknown): [number, number] | null => (ok(p) ? [p, p] : Array.isArray(p) && p.length === 2 && p.every(ok) ? [p[0], p[1]] : null);
  if (ok(v)) return [[v, v], [v, v]];
  if (Array.isArray(v) && v.length === 2) {
    if (v.every(ok)) return [[v[0], v[0]], [v[1], v[1]]];
    const [h, w] = [v[0], v[1]].map((p) => (Array.isArray(p) ? pair(p) : null));
    if (h && w) return [h, w];
  }
  throw new ValueError(`${who}: ${arg} must be a non-negative integer, [height, width] or [[top, bottom], [left, right]], got ${fmtValue(v)}`);
}

/** An optional number argument, at least `min`: `fallback` when undefined (or null, if `fallback` is null). */
export function checkNumberAtLeast<F extends number | null>(v: unknown, who: string, arg: string, min: number, fallback: F): number | F {
  if (v === undefined || (v === null && fallback === null)) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v < min) {
    throw new ValueError(`${who}: ${arg} must be a number >= ${min}${fallback === null ? ' or null' : ''}, got ${fmtValue(v)}`);
  }
  return v;
}

/** A 1D window argument (Keras's `pool_size=2` or `(2,)`): a positive integer or an array of one. */
export function checkSingle(v: unknown, who: string, arg: string): number {
  const n = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
    throw new ValueError(`${who}: ${arg} must be a positive integer or an array of one, got ${fmtValue(v)}`);
  }
  return n;
}
