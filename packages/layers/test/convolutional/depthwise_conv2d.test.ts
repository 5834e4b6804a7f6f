import { depthwiseConv2d, ShapeError, ValueError } from '@strata/core';
import { DepthwiseConv2D, deserializeLayer, maxNorm } from '../../src';
import { expectAllClose, randomInput, runLayerTest } from '../helpers/layer_test';

describe('DepthwiseConv2D', () => {
  test('layer contract: valid / same / strides / dilation / depth multiplier / no bias', () => {
    // Smooth activations: relu's kink can sit within a finite-difference step of a pre-activation
    // (the fused relu's gradient is checked in the depthwiseConv2d op's tests, away from the kink).
    runLayerTest(() => new DepthwiseConv2D({ kernelSize: 3, activation: 'elu', biasInitializer: 'randomNormal' }), {
      inputShape: [2, 6, 5, 3], expectedOutputShape: [null, 4, 3, 3], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new DepthwiseConv2D({ kernelSize: [3, 2], strides: 2, padding: 'same', depthMultiplier: 2 }), {
      inputShape: [1, 7, 6, 5], expectedOutputShape: [null, 4, 3, 10], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new DepthwiseConv2D({ kernelSize: 2, dilationRate: 2, useBias: false, activation: 'tanh' }), {
      inputShape: [2, 5, 5, 2], expectedOutputShape: [null, 3, 3, 2], expectedTrainableWeights: 1,
    });
  });

  test('forward is the depthwise op with the bias fused and the activation after', () => {
    const layer = new DepthwiseConv2D(3, { depthMultiplier: 2, padding: 'same', activation: 'sigmoid', biasInitializer: 'randomNormal' });
    const x = randomInput([2, 5, 4, 3], 'x');
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 5, 4, 6]);
    const z = depthwiseConv2d(x, layer.depthwiseKernel!, { padding: 'same', bias: layer.bias! }).f32;
    expectAllClose(y.dataSync(), z.map((v) => 1 / (1 + Math.exp(-v))), 1e-6);
  });

  test("Keras's positional forms, weights, names and parameter count", () => {
    const layer = new DepthwiseConv2D([3, 3], { depthMultiplier: 2, inputShape: [10, 10, 8], name: 'dw' });
    layer.ensureBuilt(layer.batchInputShape!);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([['dw/depthwise_kernel', [3, 3, 8, 2]], ['dw/bias', [16]]]);
    expect(layer.countParams()).toBe(3 * 3 * 8 * 2 + 16);
    expect(new DepthwiseConv2D(3).kernelSize).toEqual([3, 3]);
  });

  test('config uses the TensorFlow.js keys and round-trips through the registry', () => {
    const layer = new DepthwiseConv2D(3, { depthMultiplier: 2, strides: 2, depthwiseInitializer: 'heNormal', depthwiseRegularizer: 'l2', name: 'd' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      kernelSize: [3, 3], strides: [2, 2], padding: 'valid', dataFormat: 'channelsLast', dilationRate: [1, 1], depthMultiplier: 2,
      activation: 'linear', useBias: true, depthwiseInitializer: { className: 'HeNormal' }, depthwiseRegularizer: { className: 'L1L2' },
    });
    expect(config).not.toHaveProperty('kernelInitializer');
    expect(deserializeLayer({ className: 'DepthwiseConv2D', config: { ...config, name: 'd2' } }).getConfig()).toEqual({ ...config, name: 'd2' });
  });

  test('depthwiseConstraint and biasConstraint reach their weights and the config', () => {
    const layer = new DepthwiseConv2D(3, { depthwiseConstraint: maxNorm({ maxValue: 1, axis: [0, 1] }), biasConstraint: 'non_neg' });
    layer.ensureBuilt([null, 5, 5, 2]);
    const w = layer.depthwiseKernel!;
    expect(Array.from(w.constraint!(w).f32)).toEqual(Array.from(layer.depthwiseConstraint!.apply(w).f32));
    expect(layer.bias!.constraint).not.toBeNull();
    const config = layer.getConfig();
    expect(config).toMatchObject({ depthwiseConstraint: { className: 'MaxNorm', config: { maxValue: 1, axis: [0, 1] } }, biasConstraint: { className: 'NonNeg' } });
    expect(deserializeLayer({ className: 'DepthwiseConv2D', config: { ...config, name: 'again' } }).getConfig()).toEqual({ ...config, name: 'again' });
    expect(new DepthwiseConv2D(3).getConfig()).toMatchObject({ depthwiseConstraint: null, biasConstraint: null });
  });

  test('invalid options and inputs throw naming the layer, before any weight exists', () => {
    expect(() => new DepthwiseConv2D(3, { depthMultiplier: 0, name: 'd' })).toThrow(new ValueError("DepthwiseConv2D 'd': depthMultiplier must be a positive integer, got 0"));
    expect(() => new DepthwiseConv2D(3, { kernelInitializer: 'zeros' } as never)).toThrow(/DepthwiseConv2D: unknown option 'kernelInitializer'/);
    expect(() => new DepthwiseConv2D(3, { depthMultipler: 2 } as never)).toThrow(/Did you mean 'depthMultiplier'/);
    expect(() => new DepthwiseConv2D(3, { strides: 2, dilationRate: 2, name: 'd' })).toThrow(
      new ValueError("DepthwiseConv2D 'd': strides > 1 cannot be combined with dilationRate > 1, got strides [2, 2] and dilationRate [2, 2]"),
    );
    const layer = new DepthwiseConv2D(3, { name: 'dd' });
    expect(() => layer.apply(randomInput([1, 2, 2, 1], 1))).toThrow(ShapeError);
    expect(layer.weights).toHaveLength(0);
    expect(() => layer.apply(randomInput([4, 4, 1], 1))).toThrow(/expected input of rank 4/);
  });
});
