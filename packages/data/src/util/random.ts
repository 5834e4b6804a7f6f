import { makeRng, type Rng } from '@strata/core';

/** A uniform draw in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** An integer draw in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** A standard normal draw (Box-Muller, one of the pair used: simple, and not on a hot path). */
export function gaussian(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A generator for an independent stream, seeded from `rng` so the whole tree stays reproducible. */
export function childRng(rng: Rng): Rng {
  return makeRng(`${Math.floor(rng() * 0x100000000)}:${Math.floor(rng() * 0x100000000)}`);
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace(a: Int32Array, rng: Rng): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** 0..n-1, shuffled when `rng` is given. */
export function permutation(n: number, rng?: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return rng ? shuffleInPlace(idx, rng) : idx;
}
