// erfc and the standard normal CDF in float64, accurate far beyond float32 (JavaScript has no
// Math.erf). Exact GELU needs Phi(x) with a small relative error also deep in the left tail,
// where 1 + erf(z) would cancel, so the tail comes from erfc directly.

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;

/**
 * erf(z) for |z| < 3 by the everywhere-positive series
 * erf(z) = 2/sqrt(pi) exp(-z^2) sum_n 2^n z^(2n+1) / (1 * 3 * ... * (2n+1)) (A&S 7.1.6): no
 * cancellation, so the relative error stays near the float64 epsilon.
 */
function erfSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= (2 * z2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-z2) * sum;
}

/** erfc(z) for z >= 3 by its continued fraction (A&S 7.1.14), evaluated bottom-up. */
function erfcTail(z: number): number {
  let k = z;
  for (let n = 60; n >= 1; n--) k = z + n / 2 / k;
  return (INV_SQRT_PI * Math.exp(-z * z)) / k;
}

/** The complementary error function; NaN for NaN. */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return z;
  if (z >= 3) return erfcTail(z);
  if (z <= -3) return 2 - erfcTail(-z);
  return 1 - erfSeries(z);
}

/** The standard normal CDF Phi(x) = erfc(-x / sqrt(2)) / 2. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}
