import seedrandom from 'seedrandom';
import { Tensor, checkGradients, type GradCheckOptions } from '../../src';

/**
 * A leaf tensor of uniform values in [lo, hi) that requires a gradient. `gap` keeps every value
 * at least that far from zero, so finite differences never straddle a kink (relu, abs).
 */
export function rand(shape: number[], seed: number | string, lo = -1, hi = 1, gap = 0): Tensor {
  const rng = seedrandom(String(seed));
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let x = lo + (hi - lo) * rng();
    if (gap > 0 && Math.abs(x) < gap) x = x < 0 ? -gap - Math.abs(x) : gap + x;
    v[i] = x;
  }
  const t = new Tensor(v, shape, 'float32');
  t.requiresGrad = true;
  return t;
}

/** Values that are pairwise at least `step` apart (a shuffled grid), so max ops have no near-ties. */
export function distinct(shape: number[], seed: number | string, step = 0.05): Tensor {
  const rng = seedrandom(String(seed));
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, (_, i) => (i - n / 2) * step);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [v[i], v[j]] = [v[j], v[i]];
  }
  const t = new Tensor(v, shape, 'float32');
  t.requiresGrad = true;
  return t;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= tol * Math.max(1, Math.abs(expected[i])))) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]} (tol ${tol})`);
    }
  }
}

/** Asserts autograd matches finite differences for `f` w.r.t. every tensor in `params`. */
export function expectGradientsMatch(f: () => Tensor, params: Tensor[], options: GradCheckOptions = {}): void {
  const report = checkGradients(f, params, options);
  expect(report.checked).toBeGreaterThan(0);
}
