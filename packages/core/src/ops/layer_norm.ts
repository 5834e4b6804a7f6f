import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import { ShapeError, ValueError } from '../errors';
import type { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import { float } from './util';

function checkParam(p: Tensor | null, n: number, name: string): void {
  if (p && (p.rank !== 1 || p.shape[0] !== n)) throw new ShapeError(`layerNorm: ${name} must have shape [${n}], got ${fmtShape(p.shape)}`);
}

/**
 * Layer normalisation over the last axis: y = gamma * (x - mean) / sqrt(var + eps) + beta with each
 * row's mean and biased variance (TensorFlow's moments). The gradient flows through the statistics.
 * Null gamma / beta mean 1 / 0.
 */
export function layerNorm(x: Tensor, gamma: Tensor | null, beta: Tensor | null, epsilon: number): Tensor {
  if (x.rank < 1) throw new ShapeError(`layerNorm: input must have rank >= 1, got ${fmtShape(x.shape)}`);
  if (!(epsilon >= 0)) throw new ValueError(`layerNorm: epsilon must be >= 0, got ${epsilon}`);
  const n = x.shape[x.rank - 1];
  checkParam(gamma, n, 'gamma');
  checkParam(beta, n, 'beta');
  if (x.size === 0) return x;
  const { y, mean, invStd } = getBackend().layerNormForward(x.f32, gamma ? gamma.f32 : null, beta ? beta.f32 : null, n, epsilon);
  const inputs = [x, gamma, beta].filter((t): t is Tensor => t !== null);
  return record(float(y, x.shape), 'layerNorm', inputs, (dy) => {
    const g = getBackend().layerNormBackward(x.f32, dy.f32, mean, invStd, gamma ? gamma.f32 : null, n);
    const grads: (Tensor | null)[] = [float(g.dx, x.shape)];
    if (gamma) grads.push(float(g.dGamma, [n]));
    if (beta) grads.push(float(g.dBeta, [n]));
    return grads;
  });
}
