import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { normalizeAxis, sizeOf } from '../util/shape';
import { float } from './util';

export { relu, sigmoid, tanh, elu } from './unary';

/** Views `shape` as [outer, n, inner] around `axis`. */
function around(shape: readonly number[], axis: number, op: string): [number, number, number] {
  const ax = normalizeAxis(axis, shape.length, op);
  return [sizeOf(shape.slice(0, ax)), shape[ax], sizeOf(shape.slice(ax + 1))];
}

/** exp(logSoftmax(x)): exact for logits of any magnitude, as logSoftmax is. */
export function softmax(x: Tensor, axis = -1): Tensor {
  const [outer, n, inner] = around(x.shape, axis, 'softmax');
  const b = getBackend();
  const y = b.unary('exp', b.logSoftmax(x.f32, outer, n, inner));
  return record(float(y, x.shape), 'softmax', [x], (dy) => [float(getBackend().softmaxGrad(dy.f32, y, outer, n, inner), x.shape)]);
}

/** log(softmax(x)) over `axis`, exact for logits of any magnitude. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const [outer, n, inner] = around(x.shape, axis, 'logSoftmax');
  const y = getBackend().logSoftmax(x.f32, outer, n, inner);
  return record(float(y, x.shape), 'logSoftmax', [x], (dy) => [float(getBackend().logSoftmaxGrad(dy.f32, y, outer, n, inner), x.shape)]);
}
