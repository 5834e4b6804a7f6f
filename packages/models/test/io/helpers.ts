import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRng, tensor, type Tensor } from '@strata/core';
import { BatchNormalization, Dense } from '@strata/layers';
import { Sequential } from '@strata/models';

export { articleModel } from '../helpers/article_model';

/** A fresh temporary directory; `cleanup()` removes every one made so far (call it in afterAll). */
const made: string[] = [];
export function tempDir(prefix = 'strata-io-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A small Dense classifier: 4 features -> 8 relu -> 3 softmax. */
export function denseModel(): Sequential {
  return new Sequential({ layers: [new Dense({ units: 8, activation: 'relu', inputShape: [4] }), new Dense({ units: 3, activation: 'softmax' })] });
}

/** Uniform values in [-1, 1) of `shape`, from `seed`. */
export function randomValues(shape: number[], seed: number | string, scale = 1): Tensor {
  const rng = makeRng(seed);
  return tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng() * 2 - 1) * scale), shape);
}

/**
 * Gives every BatchNormalization non-trivial statistics (and gamma/beta), so a round trip that
 * dropped or swapped them would change the predictions.
 */
export function perturbBatchNorm(model: Sequential, seed: number): void {
  const rng = makeRng(seed);
  model.layers.forEach((layer) => {
    if (!(layer instanceof BatchNormalization)) return;
    const values = layer.weights.map((w) => {
      const isVariance = w.name.endsWith('moving_variance');
      const isGamma = w.name.endsWith('gamma');
      return tensor(Float32Array.from({ length: w.size }, () => (isVariance ? 0.5 + rng() : isGamma ? 0.5 + rng() : rng() - 0.5)), w.shape);
    });
    layer.setWeights(values);
  });
}

/** Every weight's values, copied, for exact comparisons. */
export function weightValues(model: Sequential): Float32Array[] {
  return model.getWeights().map((w) => Float32Array.from(w.values));
}

function bytes(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Whether two weight lists are bit-identical (a byte compare: fast for millions of values). */
export function sameWeights(a: readonly Float32Array[], b: readonly Float32Array[]): boolean {
  return a.length === b.length && a.every((w, i) => bytes(w).equals(bytes(b[i])));
}

/** Asserts bit-identical weights, naming the indices of the weights that differ. */
export function expectSameWeights(actual: readonly Float32Array[], expected: readonly Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.map((w, i) => (bytes(w).equals(bytes(expected[i])) ? -1 : i)).filter((i) => i >= 0)).toEqual([]);
}

/** The largest |a - b| over two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** model.json of a saved model, parsed. */
export function readModelJson(dir: string): Record<string, unknown> & { weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string; group?: string }[] }[] } {
  return JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
}
