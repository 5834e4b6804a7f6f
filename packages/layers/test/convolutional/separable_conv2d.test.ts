import { conv2d, depthwiseConv2d, relu, ShapeError, ValueError } from '@strata/core';
import { SeparableConv2D, deserializeLayer, maxNorm, unitNorm } from '../../src';
import { expectAllClose, randomInput, runLayerTest } from '../helpers/layer_test';

describe('SeparableConv2D', () => {
  test('layer contract: valid / same / strides / dilation / depth multiplier / no bias', () => {
    // A smooth activation: relu's kink sits too close to some pre-activations for finite differences
    // (the fused relu's gradient is checked in the conv2d op's tests).
    runLayerTest(() => new SeparableConv2D({ filters: 4, kernelSize: 3, activation: 'elu', biasInitializer: 'randomNormal' }), {
      inputShape: [2, 6, 5, 3], expectedOutputShape: [null, 4, 3, 4], expectedTrainableWeights: 3,
    });
    runLayerTest(() => new SeparableConv2D({ filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same', depthMultiplier: 2 }), {
      inputShape: [1, 7, 6, 5], expectedOutputShape: [null, 4, 3, 3], expectedTrainableWeights: 3,
    });
    runLayerTest(() => new SeparableConv2D({ filters: 2, kernelSize: 2, dilationRate: 2, useBias: false }), {
      inputShape: [2, 5, 5, 2], expectedOutputShape: [null, 3, 3, 2], expectedTrainableWeights: 2,
    });
  });

  test('forward is the depthwise conv, then a 1x1 conv with the bias, then the activation', () => {
    const layer = new SeparableConv2D(5, 3, { depthMultiplier: 2, strides: 2, padding: 'same', activation: 'relu', biasInitializer: 'randomNormal' });
    const x = randomInput([2, 7, 6, 3], 'x');
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 4, 3, 5]);
    const d = depthwiseConv2d(x, layer.depthwiseKernel!, { strides: 2, padding: 'same' });
    expectAllClose(y.dataSync(), relu(conv2d(d, layer.pointwiseKernel!, { bias: layer.bias! })).dataSync(), 1e-6);
  });

  test("Keras's positional form, weight names and shapes, parameter count", () => {
    const layer = new SeparableConv2D(64, 3, { inputShape: [12, 12, 32], name: 'sep' });
    layer.ensureBuilt(layer.batchInputShape!);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['sep/depthwise_kernel', [3, 3, 32, 1]], ['sep/pointwise_kernel', [1, 1, 32, 64]], ['sep/bias', [64]],
    ]);
    expect(layer.countParams()).toBe(3 * 3 * 32 + 32 * 64 + 64);
  });

  test('config uses the TensorFlow.js keys (plus depthMultiplier, as Keras) and round-trips', () => {
    const layer = new SeparableConv2D(8, [3, 5], { depthMultiplier: 3, pointwiseInitializer: 'heUniform', pointwiseRegularizer: 'l1', name: 's' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      filters: 8, kernelSize: [3, 5], depthMultiplier: 3, depthwiseInitializer: { className: 'GlorotUniform' },
      pointwiseInitializer: { className: 'HeUniform' }, pointwiseRegularizer: { className: 'L1L2' }, depthwiseRegularizer: null,
    });
    expect(config).not.toHaveProperty('kernelInitializer');
    expect(deserializeLayer({ className: 'SeparableConv2D', config: { ...config, name: 's2' } }).getConfig()).toEqual({ ...config, name: 's2' });
    expect(deserializeLayer({ className: 'SeparableConvolution2D', config: { ...config, name: 's3' } })).toBeInstanceOf(SeparableConv2D);
  });

  test('depthwise, pointwise and bias constraints reach their weights and the config', () => {
    const layer = new SeparableConv2D(4, 3, { depthwiseConstraint: 'non_neg', pointwiseConstraint: unitNorm({ axis: [0, 1, 2] }), biasConstraint: maxNorm() });
    layer.ensureBuilt([null, 5, 5, 2]);
    for (const w of [layer.depthwiseKernel!, layer.pointwiseKernel!, layer.bias!]) expect(w.constraint).not.toBeNull();
    const p = layer.pointwiseKernel!;
    expect(Array.from(p.constraint!(p).f32)).toEqual(Array.from(layer.pointwiseConstraint!.apply(p).f32));
    const config = layer.getConfig();
    expect(config).toMatchObject({
      depthwiseConstraint: { className: 'NonNeg' }, pointwiseConstraint: { className: 'UnitNorm', config: { axis: [0, 1, 2] } }, biasConstraint: { className: 'MaxNorm' },
    });
    expect(deserializeLayer({ className: 'SeparableConv2D', config: { ...config, name: 'again' } }).getConfig()).toEqual({ ...config, name: 'again' });
  });

  test('invalid options and inputs throw naming the layer, before any weight exists', () => {
    expect(() => new SeparableConv2D(0, 3, { name: 's' })).toThrow(new ValueError("SeparableConv2D 's': filters must be a positive integer, got 0"));
    expect(() => new SeparableConv2D(4, 3, { kernelRegularizer: 'l2' } as never)).toThrow(/unknown option 'kernelRegularizer'/);
    expect(() => new SeparableConv2D(4, 3, { strides: [1, 2], dilationRate: [2, 1] })).toThrow(/strides > 1 cannot be combined with dilationRate > 1/);
    const layer = new SeparableConv2D(4, 3, { name: 'ss' });
    expect(() => layer.apply(randomInput([1, 2, 3, 1], 1))).toThrow(ShapeError);
    expect(layer.weights).toHaveLength(0);
  });
});
