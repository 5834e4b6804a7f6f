import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import { float } from './util';

export interface BatchNormResult {
  y: Tensor;
  /** Per-channel batch mean. */
  mean: Float32Array;
  /** Per-channel biased batch variance (divided by N, as Keras uses for normalisation and the moving average). */
  variance: Float32Array;
}

function checkParam(p: Tensor | null, c: number, name: string): void {
  if (p && (p.rank !== 1 || p.shape[0] !== c)) throw new ShapeError(`batchNorm: ${name} must have shape [${c}], got ${fmtShape(p.shape)}`);
}

/**
 * Training-mode batch normalisation over every axis but the last (the channels):
 * y = gamma * (x - mean) / sqrt(var + eps) + beta with batch statistics. The backward pass
 * is the full analytic one, so the gradient flows through the batch mean and variance:
 * dx = gamma * invstd / N * (N * dy - sum(dy) - xhat * sum(dy * xhat)).
 */
export function batchNormTraining(x: Tensor, gamma: Tensor | null, beta: Tensor | null, epsilon: number): BatchNormResult {
  if (x.rank < 2) throw new ShapeError(`batchNorm: input must have rank >= 2, got ${fmtShape(x.shape)}`);
  const c = x.shape[x.rank - 1];
  checkParam(gamma, c, 'gamma');
  checkParam(beta, c, 'beta');
  const { y, mean, variance, invStd } = getBackend().batchNormForward(x.f32, gamma ? gamma.f32 : null, beta ? beta.f32 : null, c, epsilon);
  const inputs = [x, gamma, beta].filter((t): t is Tensor => t !== null);
  const out = record(float(y, x.shape), 'batchNorm', inputs, (dy) => {
    // xhat is recomputed from x, mean and invStd rather than kept: it would be one more
    // activation-sized array alive from forward to backward.
    const g = getBackend().batchNormBackward(x.f32, dy.f32, mean, invStd, gamma ? gamma.f32 : null, c);
    const grads: (Tensor | null)[] = [float(g.dx, x.shape)];
    if (gamma) grads.push(float(g.dGamma, [c]));
    if (beta) grads.push(float(g.dBeta, [c]));
    return grads;
  });
  return { y: out, mean, variance };
}

/**
 * Inference-mode batch normalisation with given (moving) statistics, channels last:
 * y = x * scale + shift, scale = gamma / sqrt(var + eps), shift = beta - mean * scale.
 * One pass over x (per-channel constants first): composing it from broadcasting ops made four
 * passes and four activation-sized allocations, the bulk of an inference forward pass.
 * The statistics are constants; x, gamma and beta get gradients (fine-tuning a frozen layer).
 */
export function batchNormInference(
  x: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor | null, beta: Tensor | null, epsilon: number,
): Tensor {
  const c = x.shape[x.rank - 1];
  for (const [p, name] of [[mean, 'mean'], [variance, 'variance'], [gamma, 'gamma'], [beta, 'beta']] as const) checkParam(p, c, name);
  const m = mean.f32;
  const g = gamma ? gamma.f32 : null;
  const b = beta ? beta.f32 : null;
  const invStd = new Float32Array(c);
  const scale = new Float32Array(c);
  const shift = new Float32Array(c);
  const varV = variance.f32;
  for (let j = 0; j < c; j++) {
    invStd[j] = 1 / Math.sqrt(varV[j] + epsilon);
    scale[j] = g ? g[j] * invStd[j] : invStd[j];
    shift[j] = (b ? b[j] : 0) - m[j] * scale[j];
  }
  const y = getBackend().batchNormInference(x.f32, scale, shift, c);
  const inputs = [x, gamma, beta].filter((t): t is Tensor => t !== null);
  return record(float(y, x.shape), 'batchNormInference', inputs, (dy) => {
    const g = getBackend().batchNormInferenceBackward(x.f32, dy.f32, m, invStd, scale, c);
    const grads: (Tensor | null)[] = [float(g.dx, x.shape)];
    if (gamma) grads.push(float(g.dGamma, [c]));
    if (beta) grads.push(float(g.dBeta, [c]));
    return grads;
  });
}
