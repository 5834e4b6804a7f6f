// Every Keras 3 activation string resolves through the one registry, wherever an activation is
// accepted, and is stored under its canonical name. The values are checked against PyTorch and
// TensorFlow.js in packages/core/test/ops/pointwise_activations.test.ts; here: the wiring.
import { exp, gelu, hardSigmoid, hardSilu, leakyRelu, logSoftmax, mish, relu6, selu, silu, softplus, softsign, type Tensor } from '@strata/core';
import { Activation, applyActivation, checkActivation, Conv2D, Dense, deserializeLayer, initializers, type ActivationIdentifier } from '../src';
import { randomInput, runLayerTest } from './helpers/layer_test';

const KERAS3: Array<[string, ActivationIdentifier, (x: Tensor) => Tensor]> = [
  ['relu6', 'relu6', relu6],
  ['leaky_relu', 'leaky_relu', (x) => leakyRelu(x, 0.2)],
  ['selu', 'selu', selu],
  ['gelu', 'gelu', gelu],
  ['silu', 'swish', silu],
  ['swish', 'swish', silu],
  ['mish', 'mish', mish],
  ['softplus', 'softplus', softplus],
  ['softsign', 'softsign', softsign],
  ['hard_sigmoid', 'hard_sigmoid', hardSigmoid],
  ['hard_silu', 'hard_silu', hardSilu],
  ['hard_swish', 'hard_silu', hardSilu],
  ['exponential', 'exponential', exp],
  ['log_softmax', 'log_softmax', (x) => logSoftmax(x, -1)],
];

describe('Keras 3 activation strings', () => {
  test.each(KERAS3)('%s resolves to %s, in any spelling, and applies the op', (name, canonical, op) => {
    const camel = name.replace(/_(.)/g, (_m, c: string) => c.toUpperCase());
    expect(checkActivation(name, 'test')).toBe(canonical);
    expect(checkActivation(camel, 'test')).toBe(canonical);
    const x = randomInput([2, 5], name);
    expect(Array.from(applyActivation(canonical, x).f32)).toEqual(Array.from(op(x).f32));
  });

  test('leaky_relu as a string has Keras 3\'s slope 0.2', () => {
    const x = randomInput([1, 6], 'lr');
    const y = applyActivation('leaky_relu', x).f32;
    x.f32.forEach((v, i) => expect(y[i]).toBe(Math.fround(v > 0 ? v : 0.2 * v)));
  });

  test.each(KERAS3)('Dense, Conv2D and Activation accept %s; the config round-trips with gradients', (name, canonical) => {
    const id = name as ActivationIdentifier;
    // Seeded weights, so the finite-difference probes land where they did when this was written:
    // off the kinks of the piecewise activations.
    const grad = { rtol: 2e-2, atol: 2e-3 };
    const kernelInitializer = new initializers.GlorotUniform(16);
    const dense = runLayerTest(() => new Dense({ units: 3, activation: id, kernelInitializer }), { inputShape: [2, 4], expectedOutputShape: [null, 3], expectedTrainableWeights: 2, gradOptions: grad });
    expect(dense.getConfig().activation).toBe(canonical);
    const conv = runLayerTest(() => new Conv2D({ filters: 2, kernelSize: 2, activation: id, kernelInitializer }), {
      inputShape: [1, 3, 3, 2], expectedOutputShape: [null, 2, 2, 2], expectedTrainableWeights: 2, gradOptions: grad,
    });
    expect(conv.getConfig().activation).toBe(canonical);
    const act = runLayerTest(() => new Activation(id), { inputShape: [2, 5], expectedOutputShape: [null, 5], expectedTrainableWeights: 0, gradOptions: grad });
    expect(deserializeLayer({ className: 'Activation', config: act.getConfig() }).getConfig().activation).toBe(canonical);
  });

  test('an unknown string is a did-you-mean ValueError', () => {
    expect(() => new Activation('hard_sigmoidd' as ActivationIdentifier)).toThrow(/unknown activation 'hard_sigmoidd'\. Did you mean 'hard_sigmoid'\?/);
  });
});
