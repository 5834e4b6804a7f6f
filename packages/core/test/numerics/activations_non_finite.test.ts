// NaN propagates through every Keras 3 activation kernel, on both backends, with the same bits.
// (The values at +-Infinity are compared with TensorFlow.js in ops/pointwise_activations.test.ts.)
import { referenceBackend, wasmBackend, type ActivationKernel } from '../../src';
import { makeTestRng } from '../helpers/naive_kernels';
import { randomWithSpecials, SPECIALS } from '../helpers/special_values';

const KERNELS: ActivationKernel[] = ['relu', 'selu', 'gelu', 'silu', 'mish', 'softplus', 'softsign', 'hardSigmoid', 'hardSilu'];
const RELU_PARAMS = [
  { negativeSlope: 0, maxValue: 6, threshold: 0 },
  { negativeSlope: 0.2, maxValue: Infinity, threshold: 0 },
  { negativeSlope: 0.3, maxValue: 2, threshold: 0.5 },
];

describe.each(KERNELS)('%s with IEEE specials', (op) => {
  const x = randomWithSpecials(makeTestRng(`act-${op}`), 257, 0.2, SPECIALS, 8);
  const params = op === 'relu' ? RELU_PARAMS : [undefined];
  test('NaN in gives NaN out; the wasm backend gives the reference\'s bits', () => {
    for (const p of params) {
      const y = referenceBackend.activation(op, x, p);
      x.forEach((v, i) => {
        if (Number.isNaN(v)) expect(y[i]).toBeNaN();
      });
      expect(Array.from(wasmBackend.activation(op, x, p))).toEqual(Array.from(y));
      const dy = new Float32Array(x.length).fill(1);
      expect(Array.from(wasmBackend.activationGrad(op, dy, x, p))).toEqual(Array.from(referenceBackend.activationGrad(op, dy, x, p)));
    }
  });
});
