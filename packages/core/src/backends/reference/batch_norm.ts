import type { BatchNormForwardResult, BatchNormGrads } from '../backend';
import { chunkedSums } from '../row_chunks';

// Statistics and gradient sums are float64, in row_chunks.ts's order (two passes: the mean, then the centred variance, so
// no cancellation). The elementwise steps round to float32 after every operation (Math.fround),
// exactly what the wasm SIMD kernels compute, so both backends give the same bits.
const f = Math.fround;

const ones = (c: number): Float32Array => new Float32Array(c).fill(1);

/** Batch norm of x viewed as [rows, channels]; see Backend.batchNormForward. */
export function batchNormForward(
  x: Float32Array, gamma: Float32Array | null, beta: Float32Array | null, channels: number, epsilon: number,
): BatchNormForwardResult {
  const c = channels;
  const n = x.length / c;
  const mean = Float32Array.from(chunkedSums(n, c, (i, j) => x[i + j]), (s) => s / n);
  const sq = chunkedSums(n, c, (i, j) => { const d = x[i + j] - mean[j]; return d * d; });
  const variance = new Float32Array(c);
  const invStd = new Float32Array(c);
  for (let j = 0; j < c; j++) {
    variance[j] = sq[j] / n;
    invStd[j] = 1 / Math.sqrt(variance[j] + epsilon);
  }
  const g = gamma ?? ones(c);
  const b = beta ?? new Float32Array(c);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i += c) {
    for (let j = 0; j < c; j++) y[i + j] = f(g[j] * f(f(x[i + j] - mean[j]) * invStd[j])) + b[j];
  }
  return { y, mean, variance, invStd };
}

/** The analytic batch-norm backward; see Backend.batchNormBackward. */
export function batchNormBackward(
  x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, gamma: Float32Array | null, channels: number,
): BatchNormGrads {
  const c = channels;
  const n = x.length / c;
  const sumDy = chunkedSums(n, c, (i, j) => dy[i + j]);
  const sumDyXhat = chunkedSums(n, c, (i, j) => dy[i + j] * f(f(x[i + j] - mean[j]) * invStd[j]));
  const g = gamma ?? ones(c);
  const scale = new Float32Array(c);
  const meanDy = new Float32Array(c);
  const meanDyXhat = new Float32Array(c);
  for (let j = 0; j < c; j++) {
    scale[j] = g[j] * invStd[j];
    meanDy[j] = sumDy[j] / n;
    meanDyXhat[j] = sumDyXhat[j] / n;
  }
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i += c) {
    for (let j = 0; j < c; j++) {
      const xhat = f(f(x[i + j] - mean[j]) * invStd[j]);
      dx[i + j] = scale[j] * f(f(dy[i + j] - meanDy[j]) - f(xhat * meanDyXhat[j]));
    }
  }
  return { dx, dGamma: Float32Array.from(sumDyXhat), dBeta: Float32Array.from(sumDy) };
}

/** Backend.batchNormInference: y = x * scale + shift per channel, one float32 rounding per operation (as wasm). */
export function batchNormInference(x: Float32Array, scale: Float32Array, shift: Float32Array, channels: number): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i += channels) {
    for (let j = 0; j < channels; j++) y[i + j] = f(x[i + j] * scale[j]) + shift[j];
  }
  return y;
}

/** Backend.batchNormInferenceBackward. */
export function batchNormInferenceBackward(
  x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, scale: Float32Array, channels: number,
): BatchNormGrads {
  const c = channels;
  const dx = new Float32Array(dy.length);
  const dGamma = new Float64Array(c);
  const dBeta = new Float64Array(c);
  for (let i = 0; i < dy.length; i += c) {
    for (let j = 0; j < c; j++) {
      dx[i + j] = dy[i + j] * scale[j];
      dGamma[j] += dy[i + j] * (x[i + j] - mean[j]) * invStd[j];
      dBeta[j] += dy[i + j];
    }
  }
  return { dx, dGamma: Float32Array.from(dGamma), dBeta: Float32Array.from(dBeta) };
}
