import { makeRng, tensor, type Tensor } from '@strata/core';
import { Dense, Dropout, type Layer } from '@strata/layers';
import { Sequential } from '@strata/models';

/** A small 3-class classifier on 4 features (softmax output). */
export function classifier(options: { dropoutSeed?: number; dropout?: boolean } = {}): Sequential {
  const layers: Layer[] = [new Dense({ units: 8, activation: 'relu', inputShape: [4] })];
  if (options.dropout) layers.push(new Dropout({ rate: 0.3, seed: options.dropoutSeed }));
  layers.push(new Dense({ units: 3, activation: 'softmax' }));
  return new Sequential({ layers });
}

/** `n` samples of 4 features; the class is the index of the largest of the first three. */
export function blobs(n: number, seed: number): { x: Tensor; labels: Tensor } {
  const rng = makeRng(seed);
  const x = new Float32Array(n * 4);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 4; k++) x[i * 4 + k] = rng() * 2 - 1;
    let best = 0;
    for (let k = 1; k < 3; k++) if (x[i * 4 + k] > x[i * 4 + best]) best = k;
    labels[i] = best;
  }
  return { x: tensor(x, [n, 4]), labels: tensor(labels, [n]) };
}

/** Copies of every weight's values, for before/after comparisons. */
export function snapshot(model: Sequential): number[][] {
  return model.getWeights().map((w) => Array.from(w.values));
}
