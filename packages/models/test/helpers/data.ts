import { makeRng, tensor, type Tensor } from '@strata/core';

/**
 * `n` single-channel size x size images, each with one bright bar (horizontal for class 0,
 * vertical for class 1) at a random row/column, plus uniform noise. Labels are class indices.
 */
export function barImages(n: number, size: number, seed: number, noise = 0.3): { x: Tensor; labels: Int32Array } {
  const rng = makeRng(seed);
  const x = new Float32Array(n * size * size);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    labels[i] = cls;
    const line = Math.floor(rng() * size);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const on = cls === 0 ? r === line : c === line;
        x[(i * size + r) * size + c] = (on ? 1 : 0) + noise * (rng() - 0.5);
      }
    }
  }
  return { x: tensor(x, [n, size, size, 1]), labels };
}

/** One-hot rows for class indices. */
export function oneHotRows(labels: ArrayLike<number>, classes: number): Tensor {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return tensor(out, [labels.length, classes]);
}

/** A writable stream stand-in that records what is written. */
export class MemoryStream {
  chunks: string[] = [];
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}
