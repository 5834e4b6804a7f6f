// The Keras 3 activations with a kernel pair of their own (Backend.activation / activationGrad).
// Each gradient is the kernel's analytic derivative at x, so none is composed from other ops.
import { getBackend } from '../backends/registry';
import type { ActivationKernel, ReluParams } from '../backends/backend';
import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { ValueError } from '../errors';
import { float } from './util';

function activationOp(op: ActivationKernel, x: Tensor, params?: ReluParams): Tensor {
  const y = float(getBackend().activation(op, x.f32, params), x.shape);
  return record(y, op, [x], (dy) => [float(getBackend().activationGrad(op, dy.f32, x.f32, params), x.shape)]);
}

/** Keras 3's relu options (keras.activations.relu). */
export interface ReluOptions {
  /** Slope below the threshold (default 0). */
  negativeSlope?: number;
  /** Cap on the output; null or undefined for none. */
  maxValue?: number | null;
  /** Values at or below it are "negative" (default 0). */
  threshold?: number;
}

/**
 * Keras 3's relu(x, negative_slope, max_value, threshold): x > threshold ? min(x, maxValue) :
 * negativeSlope * (x - threshold). The gradient is 0 at and above maxValue, negativeSlope at and
 * below the threshold (TensorFlow's Relu6Grad and LeakyReluGrad).
 */
export function reluWith(x: Tensor, options: ReluOptions): Tensor {
  const negativeSlope = options.negativeSlope ?? 0;
  const maxValue = options.maxValue ?? Infinity;
  const threshold = options.threshold ?? 0;
  for (const [k, v] of [['negativeSlope', negativeSlope], ['maxValue', maxValue], ['threshold', threshold]] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new ValueError(`relu: ${k} must be a number, got ${String(v)}`);
  }
  return activationOp('relu', x, { negativeSlope, maxValue, threshold });
}

/** min(max(x, 0), 6). */
export function relu6(x: Tensor): Tensor {
  return reluWith(x, { maxValue: 6 });
}

/** x for x > 0, negativeSlope * x otherwise; Keras 3's leaky_relu default slope is 0.2. */
export function leakyRelu(x: Tensor, negativeSlope = 0.2): Tensor {
  return reluWith(x, { negativeSlope });
}

/** scale * elu(x, alpha) with Klambauer et al.'s alpha = 1.67326..., scale = 1.05070... */
export function selu(x: Tensor): Tensor {
  return activationOp('selu', x);
}

/** x * Phi(x), the exact (erf) GELU, Keras 3's default (approximate = false). */
export function gelu(x: Tensor): Tensor {
  return activationOp('gelu', x);
}

/** x * sigmoid(x), also called swish. */
export function silu(x: Tensor): Tensor {
  return activationOp('silu', x);
}

/** x * tanh(softplus(x)). */
export function mish(x: Tensor): Tensor {
  return activationOp('mish', x);
}

/** log(1 + exp(x)), without overflow. */
export function softplus(x: Tensor): Tensor {
  return activationOp('softplus', x);
}

/** x / (1 + |x|). */
export function softsign(x: Tensor): Tensor {
  return activationOp('softsign', x);
}

/** Keras 3's relu6(x + 3) / 6 (Keras 2 and TensorFlow.js use clip(0.2 x + 0.5, 0, 1)). */
export function hardSigmoid(x: Tensor): Tensor {
  return activationOp('hardSigmoid', x);
}

/** x * relu6(x + 3) / 6, Keras 3's hard_silu (hard_swish). */
export function hardSilu(x: Tensor): Tensor {
  return activationOp('hardSilu', x);
}
