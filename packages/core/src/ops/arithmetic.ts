import { getBackend } from '../backends/registry';
import type { BinaryKernel } from '../backends/backend';
import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { broadcastShapes } from '../util/shape';
import { sumToShape } from './reductions';
import { asTensor, float, type TensorLike } from './util';
import { log, neg } from './unary';

type BinaryGrad = (dy: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null];

function binaryOp(name: BinaryKernel, x: TensorLike, y: TensorLike, grad: BinaryGrad): Tensor {
  const a = asTensor(x);
  const b = asTensor(y);
  const shape = broadcastShapes(a.shape, b.shape, name);
  const out = float(getBackend().binary(name, a.f32, a.shape, b.f32, b.shape, shape), shape);
  return record(out, name, [a, b], (dy) => {
    const [ga, gb] = grad(dy, a, b, out);
    return [ga && a.requiresGrad ? sumToShape(ga, a.shape) : null, gb && b.requiresGrad ? sumToShape(gb, b.shape) : null];
  });
}

export function add(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('add', a, b, (dy) => [dy, dy]);
}

export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('sub', a, b, (dy, _a, bt) => [dy, bt.requiresGrad ? neg(dy) : null]);
}

export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('mul', a, b, (dy, at, bt) => [at.requiresGrad ? mul(dy, bt) : null, bt.requiresGrad ? mul(dy, at) : null]);
}

export function div(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('div', a, b, (dy, at, bt, out) => [
    at.requiresGrad ? div(dy, bt) : null,
    bt.requiresGrad ? neg(div(mul(dy, out), bt)) : null,
  ]);
}

/** a ** b elementwise. The exponent's gradient uses log(a), defined for a > 0. */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('pow', a, b, (dy, at, bt, out) => [
    at.requiresGrad ? mul(dy, mul(bt, pow(at, sub(bt, 1)))) : null,
    bt.requiresGrad ? mul(dy, mul(out, log(at))) : null,
  ]);
}

/** Elementwise maximum; on ties the gradient goes to `a`, as TensorFlow. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('maximum', a, b, (dy, at, bt) => {
    const aWins = greaterEqual(at, bt);
    return [mul(dy, aWins), mul(dy, sub(1, aWins))];
  });
}

/** Elementwise minimum; on ties the gradient goes to `a`. */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('minimum', a, b, (dy, at, bt) => {
    const aWins = greaterEqual(bt, at);
    return [mul(dy, aWins), mul(dy, sub(1, aWins))];
  });
}

/** 1 where a >= b, else 0 (float32). Not differentiable. */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  const at = asTensor(a);
  const bt = asTensor(b);
  const shape = broadcastShapes(at.shape, bt.shape, 'greaterEqual');
  return float(getBackend().binary('greaterEqual', at.f32, at.shape, bt.f32, bt.shape, shape), shape);
}

/** 1 where a == b, else 0 (float32). Not differentiable. */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  const at = asTensor(a);
  const bt = asTensor(b);
  const shape = broadcastShapes(at.shape, bt.shape, 'equal');
  return float(getBackend().binary('equal', at.f32, at.shape, bt.f32, bt.shape, shape), shape);
}
