import { ValueError } from '../errors';

/**
 * A value as an error message shows what was passed: numbers as JavaScript prints them (NaN
 * and Infinity, where JSON would say null), strings quoted, arrays element by element, other
 * objects as JSON; long forms are cut.
 */
export function fmtValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (Array.isArray(v)) s = `[${v.map(fmtValue).join(',')}]`; // as JSON writes it, but NaN stays NaN
  else if (typeof v === 'function') s = `a function ${v.name || '(anonymous)'}`;
  else if (v !== null && typeof v === 'object') {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = `a ${v.constructor?.name ?? 'object'}`;
    }
  } else s = Object.is(v, -0) ? '-0' : String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** A number-or-pair argument (kernel size, strides, pool size, dilation). */
export type Pair = number | readonly [number, number];

/** A number-or-pair argument as a pair of positive integers, or a ValueError naming the function and argument. */
export function normalizePair(v: unknown, who: string, arg: string): [number, number] {
  const p = typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? v : null;
  if (!p || !p.every((x) => Number.isInteger(x) && x > 0)) {
    throw new ValueError(`${who}: ${arg} must be a positive integer or a pair of them, got ${fmtValue(v)}`);
  }
  return [p[0], p[1]];
}
