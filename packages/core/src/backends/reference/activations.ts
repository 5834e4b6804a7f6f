// Backend.activation / activationGrad: the Keras 3 pointwise activations, each computed in float64
// and rounded once. The formulas are the plain ones TensorFlow writes (x * sigmoid(x), not a
// rearranged form), so NaN propagates and -Infinity gives what TensorFlow gives (NaN for
// -Infinity * 0 in silu, gelu, mish and hard_silu).
import type { ActivationKernel, ReluParams } from '../backend';
import { normalCdf } from './erf';

// Keras 3 / TensorFlow's SELU constants (Klambauer et al. 2017).
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
const INV_SQRT_2PI = 0.3989422804014327;

const PLAIN_RELU: ReluParams = { negativeSlope: 0, maxValue: Infinity, threshold: 0 };

function sigmoid(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

/** log(1 + exp(v)) without overflow: v + log1p(exp(-v)) for v > 0. */
function softplus(v: number): number {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

/** relu6(v + 3) / 6; NaN stays NaN. */
function hardSigmoid(v: number): number {
  return v <= -3 ? 0 : v >= 3 ? 1 : (v + 3) / 6;
}

type Fn = (v: number) => number;
type GradFn = (v: number) => number;

function reluFn(p: ReluParams): Fn {
  const { negativeSlope: s, maxValue: m, threshold: t } = p;
  // s = 0 must give 0 for -Infinity (0 * -Infinity is NaN), as TensorFlow's relu.
  return (v) => (v > t ? (v < m ? v : m) : Number.isNaN(v) ? v : s === 0 ? 0 : s * (v - t));
}

function reluDerivative(p: ReluParams): GradFn {
  const { negativeSlope: s, maxValue: m, threshold: t } = p;
  // TensorFlow's Relu6Grad and LeakyReluGrad: 0 at and above the cap, the slope at and below the threshold.
  return (v) => (v > t ? (v < m ? 1 : 0) : s);
}

const forward: Record<Exclude<ActivationKernel, 'relu'>, Fn> = {
  selu: (v) => (v > 0 ? SELU_SCALE * v : SELU_SCALE * SELU_ALPHA * Math.expm1(v)),
  gelu: (v) => v * normalCdf(v),
  silu: (v) => v * sigmoid(v),
  mish: (v) => v * Math.tanh(softplus(v)),
  softplus,
  softsign: (v) => v / (1 + Math.abs(v)),
  hardSigmoid,
  hardSilu: (v) => v * hardSigmoid(v),
};

/** d f / d x at v. */
const derivative: Record<Exclude<ActivationKernel, 'relu'>, GradFn> = {
  selu: (v) => (v > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(v)),
  gelu: (v) => normalCdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v),
  silu: (v) => {
    const s = sigmoid(v);
    return s * (1 + v * (1 - s));
  },
  mish: (v) => {
    const t = Math.tanh(softplus(v));
    return t + v * sigmoid(v) * (1 - t * t);
  },
  softplus: sigmoid,
  softsign: (v) => {
    const d = 1 + Math.abs(v);
    return 1 / (d * d);
  },
  // Zero at the kinks (+-3), as TensorFlow's Relu6Grad at 0 and 6.
  hardSigmoid: (v) => (v > -3 && v < 3 ? 1 / 6 : 0),
  hardSilu: (v) => (v <= -3 ? 0 : v >= 3 ? 1 : (2 * v + 3) / 6),
};

export function activation(op: ActivationKernel, x: Float32Array, params: ReluParams = PLAIN_RELU): Float32Array {
  const f = op === 'relu' ? reluFn(params) : forward[op];
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = f(x[i]);
  return y;
}

export function activationGrad(op: ActivationKernel, dy: Float32Array, x: Float32Array, params: ReluParams = PLAIN_RELU): Float32Array {
  const d = op === 'relu' ? reluDerivative(params) : derivative[op];
  const g = new Float32Array(dy.length);
  for (let i = 0; i < dy.length; i++) g[i] = dy[i] * d(x[i]);
  return g;
}
