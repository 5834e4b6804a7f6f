// Every Keras 3 activation string exported to ONNX and run in onnxruntime, against predict. Weights
// are scaled so pre-activations reach past the kinks (hard_sigmoid's +-3, relu6's 6).
import { Activation, Conv2D, Dense, ELU, LeakyReLU, PReLU, ReLU, Softmax, type ActivationIdentifier, type Layer } from '@strata/layers';
import { exportOnnx, Sequential } from '@strata/models';
import { join } from 'node:path';
import { cleanup, randomValues, tempDir } from '../helpers';
import { expectOnnxMatchesPredict, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

function scaled(layers: Layer[], scale = 3): Sequential {
  const model = new Sequential({ layers });
  model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], 40 + i, scale)));
  return model;
}

const STRINGS: ActivationIdentifier[] = [
  'relu6', 'leaky_relu', 'selu', 'gelu', 'swish', 'silu', 'mish', 'softplus', 'softsign', 'hard_sigmoid', 'hard_silu', 'hard_swish', 'exponential', 'log_softmax',
];

describe('Keras 3 activation strings in onnxruntime match predict', () => {
  test.each(STRINGS)('Dense with %s, at opsets 9, 13 and 21', async (activation) => {
    const model = scaled([new Dense({ units: 6, activation, inputShape: [5] })], activation === 'exponential' ? 0.5 : 3);
    for (const opset of [9, 13, 21]) {
      const file = join(tempDir('strata-onnx-'), 'model.onnx');
      await exportOnnx(model, file, { opset });
      await expectOnnxMatchesPredict(model, { file });
    }
  });
  test.each(STRINGS)('Conv2D with %s (the value flows in NCHW)', async (activation) => {
    await expectOnnxMatchesPredict(scaled([new Conv2D({ filters: 3, kernelSize: 2, activation, inputShape: [4, 5, 2] })], activation === 'exponential' ? 0.3 : 2));
  });
  test('log_softmax as an Activation layer after a convolution runs on the channel axis', async () => {
    await expectOnnxMatchesPredict(scaled([new Conv2D({ filters: 4, kernelSize: 2, inputShape: [3, 3, 2] }), new Activation('log_softmax')], 1));
  });
});

describe('activation layers in onnxruntime match predict', () => {
  test.each([
    ['ReLU()', () => new ReLU()],
    ['ReLU(6)', () => new ReLU(6)],
    ['ReLU(maxValue 2, negativeSlope 0.1, threshold 0.5)', () => new ReLU({ maxValue: 2, negativeSlope: 0.1, threshold: 0.5 })],
    ['ReLU(negativeSlope 0.2, threshold 1), no cap', () => new ReLU({ negativeSlope: 0.2, threshold: 1 })],
    ['LeakyReLU()', () => new LeakyReLU()],
    ['ELU(0.7)', () => new ELU(0.7)],
    ['Softmax() on channels', () => new Softmax()],
    ['Softmax(1) on rows', () => new Softmax(1)],
    ['Softmax(2) on columns', () => new Softmax(2)],
    ['PReLU() per unit', () => new PReLU({ alphaInitializer: 'randomNormal' })],
    ['PReLU(sharedAxes [1, 2]) per channel', () => new PReLU({ sharedAxes: [1, 2], alphaInitializer: 'randomUniform' })],
  ] as const)('after a convolution: %s', async (_name, make) => {
    // Conv2D leaves the value in NCHW: each layer must handle that layout.
    await expectOnnxMatchesPredict(scaled([new Conv2D({ filters: 3, kernelSize: 2, inputShape: [4, 5, 2] }), make()], 2));
  });
  test('after a Dense (rank 2): PReLU, Softmax, ReLU', async () => {
    await expectOnnxMatchesPredict(scaled([new Dense({ units: 4, inputShape: [3] }), new PReLU(), new Dense({ units: 5 }), new ReLU(1.5), new Softmax()], 2));
  });
});
