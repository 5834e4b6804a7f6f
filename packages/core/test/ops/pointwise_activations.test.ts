// The Keras 3 activations against two outside implementations: PyTorch's float64 values and
// derivatives (a committed fixture, see fixtures/make_activations_torch.py) and TensorFlow.js 4.22's
// ops where TensorFlow.js has the same formula, including NaN and +-Infinity; gradients by finite
// differences; both backends.
import * as tf from '@tensorflow/tfjs';
import {
  closenessMismatches, elu, gelu, getBackend, hardSigmoid, hardSilu, leakyRelu, logSoftmax, mish, referenceBackend, relu6, reluWith,
  selu, setBackend, silu, softplus, softsign, tensor, wasmBackend, ValueError, type ActivationKernel, type Tensor,
} from '../../src';
import { expectGradientsMatch, rand } from '../helpers/random_tensors';
import { readFileSync } from 'fs';
import { join } from 'path';

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/activations_torch.json'), 'utf8')) as {
  x: number[]; y: Record<string, number[]>; dydx: Record<string, number[]>; logSoftmax7x13: number[];
};

const OPS: Record<string, (x: Tensor) => Tensor> = {
  selu, gelu, silu, mish, softplus, softsign, hardSigmoid, hardSilu, relu6, 'leakyRelu0.2': (x) => leakyRelu(x, 0.2), elu: (x) => elu(x, 1),
};
const KERNEL: Partial<Record<string, ActivationKernel>> = { selu: 'selu', gelu: 'gelu', silu: 'silu', mish: 'mish', softplus: 'softplus', softsign: 'softsign', hardSigmoid: 'hardSigmoid', hardSilu: 'hardSilu' };
// Where the derivative jumps, each library picks a side; Strata picks TensorFlow's (tested below).
const KINKS: Record<string, number[]> = { hardSigmoid: [-3, 3], hardSilu: [-3, 3], relu6: [0, 6], 'leakyRelu0.2': [0], elu: [0] };

const x = tensor(fixture.x);
const y = fixture.y;
const dydx = fixture.dydx;

function withBackend(name: string, body: () => void): void {
  const before = getBackend().name;
  setBackend(name);
  try {
    body();
  } finally {
    setBackend(before);
  }
}

describe.each(['reference', 'wasm'])('Keras 3 activations on the %s backend', (backend) => {
  test.each(Object.keys(OPS))('%s: values as PyTorch in float64, to float32 rounding', (name) => {
    withBackend(backend, () => {
      expect(closenessMismatches(OPS[name](x).f32, y[name], { rtol: 2e-7, atol: 1e-12 })).toEqual([]);
    });
  });

  test.each(Object.keys(KERNEL))('%s: the gradient kernel is PyTorch autograd\'s derivative', (name) => {
    const b = backend === 'wasm' ? wasmBackend : referenceBackend;
    const xs = Float32Array.from(fixture.x);
    const g = b.activationGrad(KERNEL[name] as ActivationKernel, new Float32Array(xs.length).fill(1), xs);
    const keep = fixture.x.map((v, i) => (KINKS[name]?.includes(v) ? -1 : i)).filter((i) => i >= 0);
    expect(closenessMismatches(keep.map((i) => g[i]), keep.map((i) => dydx[name][i]), { rtol: 2e-7, atol: 1e-12 })).toEqual([]);
  });

  test('log_softmax as PyTorch', () => {
    withBackend(backend, () => {
      const z = tensor(fixture.x.slice(0, 91), [7, 13]);
      expect(closenessMismatches(logSoftmax(z).f32, fixture.logSoftmax7x13, { rtol: 1e-6, atol: 1e-6 })).toEqual([]);
    });
  });
});

describe('against TensorFlow.js 4.22, specials included', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  const specials = [NaN, Infinity, -Infinity, -0, 0, 1e-40, -1e-40, 3, -3, 6, 40, -40, 100, -100];
  const finite = Array.from({ length: 41 }, (_v, i) => -6 + 0.3 * i);
  const inputs = [...specials, ...finite];
  const cases: Array<[string, (t: Tensor) => Tensor, (t: tf.Tensor) => tf.Tensor, number]> = [
    ['selu', selu, (t) => tf.selu(t), 2e-6],
    ['relu6', relu6, (t) => tf.relu6(t), 0],
    ['leaky_relu 0.2', (t) => leakyRelu(t, 0.2), (t) => tf.leakyRelu(t, 0.2), 1e-7],
    ['softplus', softplus, (t) => tf.softplus(t), 2e-6],
    ['swish (silu)', silu, (t) => tf.mul(t, tf.sigmoid(t)), 2e-6],
    ['mish', mish, (t) => tf.mul(t, tf.tanh(tf.softplus(t))), 2e-6],
    ['softsign', softsign, (t) => tf.div(t, tf.add(1, tf.abs(t))), 2e-7],
    // TensorFlow.js's erf is Abramowitz & Stegun 7.1.26 (absolute error 1.5e-7): a looser bound.
    ['gelu', gelu, (t) => tf.mul(t, tf.mul(0.5, tf.add(1, tf.erf(tf.div(t, Math.SQRT2))))), 1e-6],
  ];
  test.each(cases)('%s', (_name, ours, theirs, tol) => {
    const want = Array.from(theirs(tf.tensor1d(inputs)).dataSync());
    for (const backend of ['reference', 'wasm']) {
      withBackend(backend, () => {
        const got = Array.from(ours(tensor(inputs)).f32);
        // NaN where TensorFlow.js has NaN (NaN in; -Infinity * 0 in the x * f(x) forms), Infinity where it has Infinity.
        expect(got.map((v) => (Number.isFinite(v) ? 'finite' : String(v)))).toEqual(want.map((v) => (Number.isFinite(v) ? 'finite' : String(v))));
        expect(closenessMismatches(got.map((v) => (Number.isFinite(v) ? v : 0)), want.map((v) => (Number.isFinite(v) ? v : 0)), { rtol: tol, atol: tol })).toEqual([]);
      });
    }
  });

  test('hard_sigmoid is Keras 3\'s relu6(x + 3) / 6, not TensorFlow.js\'s clip(0.2 x + 0.5)', () => {
    const t = [-3, -2.5, 0, 1, 2.5, 3, NaN];
    expect(Array.from(hardSigmoid(tensor(t)).f32)).toEqual(Array.from(tf.div(tf.relu6(tf.add(tf.tensor1d(t), 3)), 6).dataSync()).map((v) => Math.fround(v)));
    expect(hardSigmoid(tensor([1])).f32[0]).not.toBeCloseTo(0.7, 3);
    const want = Array.from(tf.mul(tf.tensor1d(t), tf.div(tf.relu6(tf.add(tf.tensor1d(t), 3)), 6)).dataSync());
    expect(closenessMismatches(hardSilu(tensor(t)).f32, want, { rtol: 2e-7 })).toEqual([]);
  });

  // TensorFlow's Relu6Grad passes where 0 < x < 6 (tensorflow/core/kernels/relu_op_functor.h); TensorFlow.js's
  // passes at x = 6 too. Strata follows TensorFlow, so the kinks 6 (relu6) and 3 (hard_sigmoid, hard_silu) differ from
  // TensorFlow.js and the other points agree.
  test('gradients at the kinks: TensorFlow\'s convention, TensorFlow.js\'s elsewhere', () => {
    const at = [0, 6, -3, 3];
    const tfGrad = (f: (t: tf.Tensor) => tf.Tensor) => Array.from(tf.grad(f)(tf.tensor1d(at)).dataSync());
    const ours = (op: ActivationKernel, params?: { negativeSlope: number; maxValue: number; threshold: number }) =>
      Array.from(referenceBackend.activationGrad(op, new Float32Array(at.length).fill(1), Float32Array.from(at), params));
    expect(ours('relu', { negativeSlope: 0, maxValue: 6, threshold: 0 })).toEqual([0, 0, 0, 1]);
    expect(tfGrad((t) => tf.relu6(t))).toEqual([0, 1, 0, 1]);
    expect(ours('relu', { negativeSlope: 0.2, maxValue: Infinity, threshold: 0 })).toEqual(tfGrad((t) => tf.leakyRelu(t, 0.2)).map(Math.fround));
    expect(ours('hardSigmoid')).toEqual([1 / 6, 0, 0, 0].map(Math.fround));
    expect(tfGrad((t) => tf.div(tf.relu6(tf.add(t, 3)), 6)).slice(0, 3)).toEqual([1 / 6, 0, 0].map(Math.fround));
    expect(ours('hardSilu')).toEqual([0.5, 1, 0, 1]);
    expect(tfGrad((t) => tf.mul(t, tf.div(tf.relu6(tf.add(t, 3)), 6))).slice(0, 3)).toEqual([0.5, 1, 0]);
  });
});

describe('Keras 3 relu(negative_slope, max_value, threshold)', () => {
  test('values', () => {
    const t = tensor([-2, -0.5, 0, 0.5, 1, 1.5, 4, 9, NaN, -Infinity, Infinity]);
    // Keras 3: x > threshold ? min(x, max_value) : negative_slope * (x - threshold).
    expect(Array.from(reluWith(t, { negativeSlope: 0.5, maxValue: 4, threshold: 1 }).f32)).toEqual([-1.5, -0.75, -0.5, -0.25, 0, 1.5, 4, 4, NaN, -Infinity, 4]);
    expect(Array.from(reluWith(t, { threshold: 1 }).f32)).toEqual([0, 0, 0, 0, 0, 1.5, 4, 9, NaN, 0, Infinity]);
    expect(() => reluWith(t, { maxValue: NaN })).toThrow(ValueError);
  });
});

describe('gradients by finite differences', () => {
  const xs = rand([3, 7], 'act', -4, 4);
  // Keep finite-difference probes off the kinks.
  const v = xs.values as Float32Array;
  for (let i = 0; i < v.length; i++) if ([-3, 0, 3].some((k) => Math.abs(v[i] - k) < 0.05)) v[i] += 0.2;
  test.each(Object.keys(OPS))('%s', (name) => {
    expectGradientsMatch(() => OPS[name](xs), [xs]);
  });
  test('relu with slope, cap and threshold', () => {
    const r = rand([3, 7], 'reluw', -3, 3);
    const rv = r.values as Float32Array;
    for (let i = 0; i < rv.length; i++) if ([0.5, 2].some((k) => Math.abs(rv[i] - k) < 0.05)) rv[i] += 0.2;
    expectGradientsMatch(() => reluWith(r, { negativeSlope: 0.3, maxValue: 2, threshold: 0.5 }), [r]);
  });
});
