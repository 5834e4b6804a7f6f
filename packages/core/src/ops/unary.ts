import { getBackend } from '../backends/registry';
import type { UnaryKernel } from '../backends/backend';
import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { ValueError } from '../errors';
import { float } from './util';
import { div, mul, sub } from './arithmetic';

function unaryOp(name: UnaryKernel, x: Tensor, grad: (dy: Tensor, x: Tensor, out: Tensor) => Tensor): Tensor {
  const out = float(getBackend().unary(name, x.f32), x.shape);
  return record(out, name, [x], (dy) => [grad(dy, x, out)]);
}

export function neg(x: Tensor): Tensor {
  return unaryOp('neg', x, (dy) => neg(dy));
}

export function exp(x: Tensor): Tensor {
  return unaryOp('exp', x, (dy, _x, out) => mul(dy, out));
}

export function log(x: Tensor): Tensor {
  return unaryOp('log', x, (dy, xt) => div(dy, xt));
}

export function sqrt(x: Tensor): Tensor {
  return unaryOp('sqrt', x, (dy, _x, out) => div(dy, mul(out, 2)));
}

export function square(x: Tensor): Tensor {
  return unaryOp('square', x, (dy, xt) => mul(dy, mul(xt, 2)));
}

/** |x|; the gradient at 0 is 0, as TensorFlow. */
export function abs(x: Tensor): Tensor {
  return unaryOp('abs', x, (dy, xt) => mul(dy, float(getBackend().unary('sign', xt.f32), xt.shape)));
}

export function sigmoid(x: Tensor): Tensor {
  return unaryOp('sigmoid', x, (dy, _x, out) => mul(dy, mul(out, sub(1, out))));
}

export function tanh(x: Tensor): Tensor {
  return unaryOp('tanh', x, (dy, _x, out) => mul(dy, sub(1, mul(out, out))));
}

/** max(x, 0); gradient 0 at x <= 0. */
export function relu(x: Tensor): Tensor {
  return unaryOp('relu', x, (dy, _x, out) => reluGrad(dy, out));
}

/** dy where y > 0, else 0: the ReLU backward given its output. */
export function reluGrad(dy: Tensor, y: Tensor): Tensor {
  return float(getBackend().reluGrad(dy.f32, y.f32), dy.shape);
}

/** x for x > 0, alpha * (exp(x) - 1) otherwise. */
export function elu(x: Tensor, alpha = 1): Tensor {
  const y = getBackend().elu(x.f32, alpha);
  return record(float(y, x.shape), 'elu', [x], (dy) => [float(getBackend().eluGrad(dy.f32, x.f32, y, alpha), x.shape)]);
}

/** Clamps to [min, max]; the gradient passes where min <= x <= max. */
export function clip(x: Tensor, min: number, max: number): Tensor {
  if (!(min <= max)) throw new ValueError(`clip: min (${min}) must be <= max (${max})`);
  return record(float(getBackend().clip(x.f32, min, max), x.shape), 'clip', [x], (dy) => [
    float(getBackend().clipGrad(dy.f32, x.f32, min, max), x.shape),
  ]);
}
