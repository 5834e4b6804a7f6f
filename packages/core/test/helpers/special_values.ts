// Inputs with IEEE special values (NaN, +-Infinity, denormals, -0) and the comparison the
// cross-backend numerics tests use: finite entries within a tolerance, non-finite ones exactly.
import { closenessMismatches } from '../../src';
import type { Rng } from './naive_kernels';

/** The float32 values every kernel must carry through as TensorFlow does. */
export const SPECIALS: readonly number[] = [NaN, Infinity, -Infinity, -0, 1e-40, -3e-39, 1.4e-45];

/**
 * `n` floats, uniform in [-scale, scale), each replaced by a random special with probability
 * `rate`. Finite magnitudes stay moderate, so no sum overflows in one order and not in another.
 */
export function randomWithSpecials(rng: Rng, n: number, rate: number, specials: readonly number[] = SPECIALS, scale = 4): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = rng() < rate ? specials[Math.floor(rng() * specials.length)] : scale * (2 * rng() - 1);
  }
  return out;
}

/** Copies `x` with `value` written at each index. */
export function withValuesAt(x: Float32Array, at: Record<number, number>): Float32Array {
  const out = x.slice();
  for (const [i, v] of Object.entries(at)) out[Number(i)] = v;
  return out;
}

/**
 * Expects the same length; at every index where `expected` is NaN or +-Infinity, exactly that;
 * elsewhere a finite value within rtol of the element plus rtol of the largest finite
 * |expected| (so cancellations are judged against the sums that produced them).
 */
export function expectAgree(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-4): void {
  let scale = 0;
  for (let i = 0; i < expected.length; i++) if (Number.isFinite(expected[i])) scale = Math.max(scale, Math.abs(expected[i]));
  expect(closenessMismatches(actual, expected, { rtol, atol: rtol * scale })).toEqual([]);
}

/** Indices of the non-finite entries. */
export const nonFiniteAt = (x: ArrayLike<number>): number[] =>
  Array.from(x, (v, i) => (Number.isFinite(v) ? -1 : i)).filter((i) => i >= 0);
