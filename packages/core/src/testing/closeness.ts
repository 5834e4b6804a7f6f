/** Tolerances of {@link closenessMismatches}: numpy.allclose's rule. */
export interface ClosenessOptions {
  /** Relative tolerance, times |expected|. Default 1e-4. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-5. */
  atol?: number;
  /** Report at most this many mismatches. Default 5. */
  limit?: number;
}

/**
 * Where `actual` misses `expected` by more than atol + rtol * |expected| (numpy.allclose's and
 * torch.allclose's rule), as readable lines; empty when every element is close. NaN matches
 * only NaN, an infinity only itself; a length mismatch is reported.
 */
export function closenessMismatches(actual: ArrayLike<number>, expected: ArrayLike<number>, options: ClosenessOptions = {}): string[] {
  const { rtol = 1e-4, atol = 1e-5, limit = 5 } = options;
  if (actual.length !== expected.length) return [`length ${actual.length}, expected ${expected.length}`];
  const out: string[] = [];
  for (let i = 0; i < expected.length && out.length < limit; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : a === e || (Number.isFinite(e) && Math.abs(a - e) <= atol + rtol * Math.abs(e));
    if (!ok) out.push(`[${i}] got ${a}, expected ${e} (tolerance ${(atol + rtol * Math.abs(e)).toExponential(2)})`);
  }
  return out;
}
