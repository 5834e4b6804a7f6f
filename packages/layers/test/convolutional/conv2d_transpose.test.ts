import { add, conv2dTranspose, ShapeError, ValueError } from '@strata/core';
import { Conv2DTranspose, deserializeLayer } from '../../src';
import { expectAllClose, randomInput, runLayerTest } from '../helpers/layer_test';

describe('Conv2DTranspose', () => {
  test('layer contract: valid / same / strides / outputPadding / dilation / no bias', () => {
    runLayerTest(() => new Conv2DTranspose({ filters: 3, kernelSize: 3, activation: 'elu', biasInitializer: 'randomNormal' }), {
      inputShape: [2, 4, 3, 2], expectedOutputShape: [null, 6, 5, 3], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new Conv2DTranspose({ filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same' }), {
      inputShape: [1, 3, 4, 3], expectedOutputShape: [null, 6, 8, 2], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new Conv2DTranspose({ filters: 2, kernelSize: 3, strides: [2, 3], outputPadding: [1, 2] }), {
      inputShape: [2, 3, 2, 2], expectedOutputShape: [null, 8, 8, 2], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new Conv2DTranspose({ filters: 2, kernelSize: 2, dilationRate: 2, useBias: false, activation: 'tanh' }), {
      inputShape: [2, 3, 3, 1], expectedOutputShape: [null, 5, 5, 2], expectedTrainableWeights: 1,
    });
  });

  test('forward is the conv2dTranspose op, then the bias, then the activation', () => {
    const layer = new Conv2DTranspose(4, 3, { strides: 2, padding: 'same', outputPadding: 1, activation: 'relu', biasInitializer: 'randomNormal' });
    const x = randomInput([2, 3, 4, 3], 'x');
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 6, 8, 4]);
    const z = add(conv2dTranspose(x, layer.kernel!, { strides: 2, padding: 'same', outputPadding: 1 }), layer.bias!).f32;
    expectAllClose(y.dataSync(), z.map((v) => Math.max(v, 0)), 1e-6);
  });

  test("Keras's positional form, kernel layout [kh, kw, filters, in], parameter count", () => {
    const layer = new Conv2DTranspose(32, 3, { inputShape: [8, 8, 16], name: 'up' });
    layer.ensureBuilt(layer.batchInputShape!);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([['up/kernel', [3, 3, 32, 16]], ['up/bias', [32]]]);
    expect(layer.countParams()).toBe(3 * 3 * 32 * 16 + 32);
  });

  test("config: TensorFlow.js's keys by default (no dilationRate, no outputPadding), both when set, and the round trip", () => {
    const plain = new Conv2DTranspose(4, 3, { name: 't' }).getConfig();
    expect(plain).not.toHaveProperty('dilationRate');
    expect(plain).not.toHaveProperty('outputPadding');
    expect(plain).toMatchObject({ filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', kernelInitializer: { className: 'GlorotUniform' } });
    const set = new Conv2DTranspose(4, 3, { strides: 2, outputPadding: 1, name: 't2' }).getConfig();
    expect(set.outputPadding).toEqual([1, 1]);
    for (const config of [plain, set, new Conv2DTranspose(2, 2, { dilationRate: 2, name: 't3' }).getConfig()]) {
      expect(deserializeLayer({ className: 'Conv2DTranspose', config: { ...config, name: 'copy' } }).getConfig()).toEqual({ ...config, name: 'copy' });
    }
    // Keras writes output_padding: null.
    expect(deserializeLayer({ className: 'Conv2DTranspose', config: { ...plain, name: 'k', outputPadding: null } }).getConfig()).toEqual({ ...plain, name: 'k' });
  });

  test('invalid options and inputs throw naming the layer, before any weight exists', () => {
    expect(() => new Conv2DTranspose(4, 3, { strides: 2, outputPadding: 2, name: 't' })).toThrow(
      new ValueError("Conv2DTranspose 't': outputPadding must be null or non-negative integers each below its stride, got 2 with strides [2, 2]"),
    );
    expect(() => new Conv2DTranspose(4, 3, { outputPadding: [0, -1] as never })).toThrow(/outputPadding must be null or non-negative integers/);
    expect(() => new Conv2DTranspose(4, 3, { strides: 2, dilationRate: 2 })).toThrow(/strides > 1 cannot be combined with dilationRate > 1/);
    expect(() => new Conv2DTranspose(4, 3, { output_padding: 1 } as never)).toThrow(/Did you mean 'outputPadding'/);
    const layer = new Conv2DTranspose(4, 3, { name: 'tt' });
    expect(() => layer.apply(randomInput([4, 4, 1], 1))).toThrow(ShapeError);
    expect(layer.weights).toHaveLength(0);
  });
});
