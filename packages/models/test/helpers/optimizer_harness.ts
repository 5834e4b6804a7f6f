import { tensor, variable, type Variable } from '@strata/core';
import type { Optimizer } from '@strata/models';

/** Gradients for 4 steps of a 3-element variable: signs and magnitudes vary so every branch is hit. */
export const GRADS: number[][] = [
  [0.5, -1.5, 2.0],
  [-0.25, 0.75, 3.0],
  [1.0, -2.0, -0.5],
  [0.1, 0.2, -4.0],
];

export const W0 = [1.0, -2.0, 0.5];

/** Applies `grads` one step at a time to a fresh variable; returns the values after every step. */
export function runSteps(opt: Optimizer, grads: number[][] = GRADS, w0: number[] = W0, name = 'w'): { steps: number[][]; variable: Variable } {
  const v = variable(tensor(w0), { name });
  const steps: number[][] = [];
  for (const g of grads) {
    opt.applyGradients([{ variable: v, gradient: tensor(g) }]);
    steps.push(Array.from(v.values));
  }
  return { steps, variable: v };
}

/** Asserts two lists of weight vectors agree to float32 precision. */
export function expectClose(actual: number[][], expected: number[][], tol = 2e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((a, j) => {
    const e = expected[i][j];
    if (Math.abs(a - e) > tol * Math.max(1, Math.abs(e))) {
      throw new Error(`step ${i + 1}, element ${j}: got ${a}, expected ${e}`);
    }
  }));
}

/** Runs a reference update `(w, g, t) => void` (t 1-based, float64) over GRADS from W0. */
export function reference(update: (w: number[], g: number[], t: number) => void, grads: number[][] = GRADS, w0: number[] = W0): number[][] {
  const w = [...w0];
  return grads.map((g, i) => {
    update(w, g, i + 1);
    return [...w];
  });
}
