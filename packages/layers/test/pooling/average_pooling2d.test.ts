import { tensor, ShapeError, ValueError } from '@strata/core';
import { AveragePooling2D, deserializeLayer } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('AveragePooling2D', () => {
  test('2x2 default, strides = poolSize, odd input drops the last row and column', () => {
    const x = tensor([
      1, 2, 3, 4, 5,
      6, 7, 8, 9, 10,
      11, 12, 13, 14, 15,
      16, 17, 18, 19, 20,
      21, 22, 23, 24, 25,
    ], [1, 5, 5, 1]);
    const layer = new AveragePooling2D();
    expect(layer.strides).toEqual([2, 2]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([4, 6, 14, 16]);
  });

  test("'same' averages only the in-image pixels of an edge window, as TensorFlow", () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    expect(Array.from(new AveragePooling2D([2, 2], { padding: 'same' }).apply(x).dataSync())).toEqual([3, 4.5, 7.5, 9]);
  });

  test('the gradient spreads dy evenly over each window, counting in-image pixels only', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1], { requiresGrad: true });
    new AveragePooling2D({ padding: 'same' }).apply(x).backward(tensor([4, 2, 2, 1], [1, 2, 2, 1]));
    expect(Array.from(x.grad!.dataSync())).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  test('layer contract (channels kept; same padding; overlapping strides; stride larger than the pool)', () => {
    runLayerTest(() => new AveragePooling2D({ poolSize: 2 }), { inputShape: [2, 5, 4, 3], expectedOutputShape: [null, 2, 2, 3], expectedTrainableWeights: 0 });
    runLayerTest(() => new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }), { inputShape: [1, 5, 5, 2], expectedOutputShape: [null, 3, 3, 2], expectedTrainableWeights: 0 });
    runLayerTest(() => new AveragePooling2D([2, 3], { strides: [3, 1] }), { inputShape: [1, 7, 5, 2], expectedOutputShape: [null, 2, 3, 2], expectedTrainableWeights: 0 });
  });

  test('config as TensorFlow.js writes it; the Keras alias AvgPool2D resolves to it', () => {
    const layer = new AveragePooling2D(3, { strides: 1, padding: 'same', name: 'avg' });
    expect(layer.getConfig()).toEqual({ name: 'avg', trainable: true, dtype: 'float32', poolSize: [3, 3], strides: [1, 1], padding: 'same', dataFormat: 'channelsLast' });
    const clone = deserializeLayer({ className: 'AvgPool2D', config: { ...layer.getConfig(), name: 'avg_2' } });
    expect(clone).toBeInstanceOf(AveragePooling2D);
    expect(clone.className).toBe('AveragePooling2D');
  });

  test('errors name the layer', () => {
    expect(() => new AveragePooling2D({ poolSize: 0, name: 'p' })).toThrow(new ValueError("AveragePooling2D 'p': poolSize must be a positive integer or a pair of them, got 0"));
    expect(() => new AveragePooling2D({ padding: 'causal' as never, name: 'p' })).toThrow(new ValueError("AveragePooling2D 'p': padding must be 'valid' or 'same', got \"causal\""));
    expect(() => new AveragePooling2D({ pool_size: 2 } as never)).toThrow(/AveragePooling2D: unknown option 'pool_size'\. Did you mean 'poolSize'\?/);
    expect(() => new AveragePooling2D({ poolSize: 3, name: 'p1' }).computeOutputShape([null, 2, 2, 1])).toThrow(
      new ShapeError("AveragePooling2D 'p1': the 3x3 pool window is larger than its valid-padded input [null, 2, 2, 1]"),
    );
    expect(() => new AveragePooling2D({ name: 'p2' }).apply(tensor([1, 2, 3, 4], [1, 4, 1]))).toThrow(
      new ShapeError("AveragePooling2D 'p2': expected input of rank 4 [batch, height, width, channels], got [null, 4, 1]"),
    );
  });
});
