import type { BatchNormGrads, LayerNormForwardResult } from '../backend';
import { chunkedSums } from '../row_chunks';

// Row sums in float64 in the wasm kernel's order: four interleaved partial sums over the whole
// vectors of 4 (its f64x2 lanes), added pairwise, then the tail in order. Elementwise steps round to
// float32 after every operation (Math.fround), as f32x4 does: the same bits on both backends.
const f = Math.fround;

/** Sum of term(j) over j in [0, n) in that order. */
function rowSum(n: number, term: (j: number) => number): number {
  const split = n & ~3;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let j = 0; j < split; j += 4) {
    s0 += term(j);
    s1 += term(j + 1);
    s2 += term(j + 2);
    s3 += term(j + 3);
  }
  let s = (s0 + s1) + (s2 + s3);
  for (let j = split; j < n; j++) s += term(j);
  return s;
}

/** Backend.layerNormForward. */
export function layerNormForward(x: Float32Array, gamma: Float32Array | null, beta: Float32Array | null, features: number, epsilon: number): LayerNormForwardResult {
  const n = features;
  const rows = x.length / n;
  const y = new Float32Array(x.length);
  const mean = new Float32Array(rows), invStd = new Float32Array(rows);
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    const m = f(rowSum(n, (j) => x[o + j]) / n);
    const variance = f(rowSum(n, (j) => (x[o + j] - m) * (x[o + j] - m)) / n);
    const s = f(1 / Math.sqrt(variance + epsilon));
    mean[r] = m;
    invStd[r] = s;
    for (let j = 0; j < n; j++) {
      const h = f(f(x[o + j] - m) * s);
      y[o + j] = f((gamma ? f(gamma[j] * h) : h) + (beta ? beta[j] : 0));
    }
  }
  return { y, mean, invStd };
}

/** Backend.layerNormBackward: dGamma and dBeta summed over rows in row_chunks.ts's order. */
export function layerNormBackward(x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, gamma: Float32Array | null, features: number): BatchNormGrads {
  const n = features;
  const rows = x.length / n;
  const dx = new Float32Array(x.length);
  const xhat = new Float32Array(n), g = new Float32Array(n);
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    for (let j = 0; j < n; j++) {
      xhat[j] = f(f(x[o + j] - mean[r]) * invStd[r]);
      g[j] = gamma ? f(dy[o + j] * gamma[j]) : dy[o + j];
    }
    const meanG = f(rowSum(n, (j) => g[j]) / n);
    const meanGXhat = f(rowSum(n, (j) => g[j] * xhat[j]) / n);
    for (let j = 0; j < n; j++) dx[o + j] = f(invStd[r] * f(f(g[j] - meanG) - f(xhat[j] * meanGXhat)));
  }
  const dGamma = chunkedSums(rows, n, (i, j) => dy[i + j] * f(f(x[i + j] - mean[i / n]) * invStd[i / n]));
  const dBeta = chunkedSums(rows, n, (i, j) => dy[i + j]);
  return { dx, dGamma: Float32Array.from(dGamma), dBeta: Float32Array.from(dBeta) };
}
