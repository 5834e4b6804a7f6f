import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor/tensor';
import { fmt } from '../util/shape';
import { add, div, mul, sub } from './arithmetic';
import { sqrt } from './unary';
import { float } from './util';

export interface BatchNormResult {
  y: Tensor;
  /** Per-channel batch mean. */
  mean: Float32Array;
  /** Per-channel biased batch variance (divided by N, as Keras uses for normalisation and the moving average). */
  variance: Float32Array;
}

function checkParam(p: Tensor | null, c: number, name: string): void {
  if (p && (p.rank !== 1 || p.shape[0] !== c)) throw new ShapeError(`batchNorm: ${name} must have shape [${c}], got ${fmt(p.shape)}`);
}

/**
 * Training-mode batch normalisation over every axis but the last (the channels):
 * y = gamma * (x - mean) / sqrt(var + eps) + beta with batch statistics. The backward pass
 * is the full analytic one, so the gradient flows through the batch mean and variance:
 * dx = gamma * invstd / N * (N * dy - sum(dy) - xhat * sum(dy * xhat)).
 */
export function batchNormTraining(x: Tensor, gamma: Tensor | null, beta: Tensor | null, epsilon: number): BatchNormResult {
  if (x.rank < 2) throw new ShapeError(`batchNorm: input must have rank >= 2, got ${fmt(x.shape)}`);
  const c = x.shape[x.rank - 1];
  checkParam(gamma, c, 'gamma');
  checkParam(beta, c, 'beta');
  const n = x.size / c;
  const v = x.f32;
  // Two passes in float64: one for the mean, one for the centred variance (no cancellation).
  const sum = new Float64Array(c);
  for (let i = 0; i < v.length; i += c) for (let j = 0; j < c; j++) sum[j] += v[i + j];
  const mean = new Float32Array(c);
  for (let j = 0; j < c; j++) mean[j] = sum[j] / n;
  const sq = new Float64Array(c);
  for (let i = 0; i < v.length; i += c) for (let j = 0; j < c; j++) { const d = v[i + j] - mean[j]; sq[j] += d * d; }
  const variance = new Float32Array(c);
  const invStd = new Float32Array(c);
  for (let j = 0; j < c; j++) {
    variance[j] = sq[j] / n;
    invStd[j] = 1 / Math.sqrt(variance[j] + epsilon);
  }
  const g = gamma ? gamma.f32 : new Float32Array(c).fill(1);
  const b = beta ? beta.f32 : new Float32Array(c);
  const xhat = new Float32Array(v.length);
  const y = new Float32Array(v.length);
  for (let i = 0; i < v.length; i += c) {
    for (let j = 0; j < c; j++) {
      const h = (v[i + j] - mean[j]) * invStd[j];
      xhat[i + j] = h;
      y[i + j] = g[j] * h + b[j];
    }
  }
  const inputs = [x, gamma, beta].filter((t): t is Tensor => t !== null);
  const out = record(float(y, x.shape), 'batchNorm', inputs, (dyT) => {
    const dy = dyT.f32;
    const dBeta = new Float64Array(c);
    const dGamma = new Float64Array(c);
    for (let i = 0; i < dy.length; i += c) {
      for (let j = 0; j < c; j++) {
        dBeta[j] += dy[i + j];
        dGamma[j] += dy[i + j] * xhat[i + j];
      }
    }
    const dx = new Float32Array(dy.length);
    const k = new Float32Array(c);
    for (let j = 0; j < c; j++) k[j] = (g[j] * invStd[j]) / n;
    for (let i = 0; i < dy.length; i += c) {
      for (let j = 0; j < c; j++) dx[i + j] = k[j] * (n * dy[i + j] - dBeta[j] - xhat[i + j] * dGamma[j]);
    }
    const grads: (Tensor | null)[] = [float(dx, x.shape)];
    if (gamma) grads.push(float(Float32Array.from(dGamma), [c]));
    if (beta) grads.push(float(Float32Array.from(dBeta), [c]));
    return grads;
  });
  return { y: out, mean, variance };
}

/**
 * Inference-mode batch normalisation with given (moving) statistics, channels last:
 * y = x * scale + shift, scale = gamma / sqrt(var + eps), shift = beta - mean * scale.
 * Composed from ops, so gamma and beta still get gradients if trained in inference mode.
 */
export function batchNormInference(
  x: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor | null, beta: Tensor | null, epsilon: number,
): Tensor {
  const c = x.shape[x.rank - 1];
  for (const [p, name] of [[mean, 'mean'], [variance, 'variance'], [gamma, 'gamma'], [beta, 'beta']] as const) checkParam(p, c, name);
  const invStd = div(1, sqrt(add(variance, epsilon)));
  const scale = gamma ? mul(gamma, invStd) : invStd;
  const shifted = mul(sub(x, mean), scale);
  return beta ? add(shifted, beta) : shifted;
}
