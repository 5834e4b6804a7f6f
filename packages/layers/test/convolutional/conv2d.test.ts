import { ShapeError, ValueError, relu, add, tensor } from '@strata/core';
import { Conv2D } from '../../src';
import { runLayerTest, randomInput, naiveConv2d, expectAllClose } from '../helpers/layer_test';

describe('Conv2D', () => {
  test('layer contract for valid / same / strides / dilation / non-square kernels', () => {
    runLayerTest(() => new Conv2D({ filters: 3, kernelSize: 3, activation: 'relu' }), {
      inputShape: [2, 6, 5, 2], expectedOutputShape: [null, 4, 3, 3], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new Conv2D({ filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same' }), {
      inputShape: [1, 7, 6, 3], expectedOutputShape: [null, 4, 3, 2], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new Conv2D({ filters: 2, kernelSize: 2, dilationRate: 2, useBias: false, activation: 'sigmoid' }), {
      inputShape: [2, 5, 5, 1], expectedOutputShape: [null, 3, 3, 2], expectedTrainableWeights: 1,
    });
  });

  test('forward equals a direct loop (TensorFlow SAME rule, extra pixel after)', () => {
    const layer = new Conv2D({ filters: 4, kernelSize: [3, 2], strides: [2, 1], padding: 'same' });
    const x = randomInput([2, 6, 5, 3], 'x');
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 3, 5, 4]);
    // height: out 3, pad_total = max((3-1)*2 + 3 - 6, 0) = 1 -> top 0; width: pad_total = 1 -> left 0
    const expected = naiveConv2d(x, layer.kernel!, [2, 1], [1, 1], [0, 0], [3, 5]);
    expectAllClose(y.dataSync(), expected, 1e-5);
  });

  test('fused relu + bias equals relu(conv + bias)', () => {
    const layer = new Conv2D({ filters: 3, kernelSize: 3, activation: 'relu', biasInitializer: 'randomNormal' });
    const x = randomInput([2, 5, 5, 2], 'y');
    const y = layer.apply(x);
    const ref = relu(add(naiveConv2dT(x, layer), layer.bias!));
    expectAllClose(y.dataSync(), ref.dataSync(), 1e-5);
  });

  test('Keras kernel layout and parameter count', () => {
    const layer = new Conv2D({ filters: 32, kernelSize: 3, inputShape: [48, 48, 1] });
    layer.ensureBuilt(layer.batchInputShape!);
    expect(layer.kernel!.shape).toEqual([3, 3, 1, 32]);
    expect(layer.countParams()).toBe(320);
  });

  test('invalid configs and inputs throw naming the layer', () => {
    expect(() => new Conv2D({ filters: -3, kernelSize: 3, name: 'c' })).toThrow(new ValueError("Conv2D 'c': filters must be a positive integer, got -3"));
    expect(() => new Conv2D({ filters: 3, kernelSize: 0, name: 'c' })).toThrow(/kernelSize must be a positive integer or a pair/);
    expect(() => new Conv2D({ filters: 3, kernelSize: 3, padding: 'full' as never, name: 'c' })).toThrow(/padding must be 'valid' or 'same'/);
    const layer = new Conv2D({ filters: 2, kernelSize: 3, name: 'cc' });
    expect(() => layer.apply(randomInput([1, 2, 2, 1], 1))).toThrow(ShapeError);
    expect(layer.built).toBe(false);
    expect(layer.weights).toHaveLength(0);
    expect(() => layer.apply(randomInput([4, 4, 1], 1))).toThrow(/expected input of rank 4/);
    layer.apply(randomInput([1, 5, 5, 1], 1));
    expect(() => layer.apply(randomInput([1, 5, 5, 2], 1))).toThrow(
      new ShapeError("Conv2D 'cc': expected axis -1 of the input to have size 1, got shape [null, 5, 5, 2]"),
    );
  });
});

function naiveConv2dT(x: ReturnType<typeof randomInput>, layer: Conv2D) {
  return tensor(naiveConv2d(x, layer.kernel!, [1, 1], [1, 1], [0, 0], [3, 3]), [2, 3, 3, 3]);
}
