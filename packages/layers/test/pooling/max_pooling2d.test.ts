import { tensor, ShapeError, ValueError } from '@strata/core';
import { MaxPooling2D } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('MaxPooling2D', () => {
  test('2x2 default, strides = poolSize, odd input drops the last row and column', () => {
    const x = tensor([
      1, 2, 3, 4, 5,
      6, 7, 8, 9, 10,
      11, 12, 13, 14, 15,
      16, 17, 18, 19, 20,
      21, 22, 23, 24, 25,
    ], [1, 5, 5, 1]);
    const layer = new MaxPooling2D();
    expect(layer.strides).toEqual([2, 2]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([7, 9, 17, 19]);
  });

  test('gradient flows to the max element only', () => {
    const x = tensor([1, 5, 3, 2], [1, 2, 2, 1], { requiresGrad: true });
    new MaxPooling2D().apply(x).backward(tensor([7], [1, 1, 1, 1]));
    expect(Array.from(x.grad!.dataSync())).toEqual([0, 7, 0, 0]);
  });

  test('layer contract (channels kept; same padding; overlapping strides)', () => {
    runLayerTest(() => new MaxPooling2D({ poolSize: 2 }), { inputShape: [2, 5, 4, 3], expectedOutputShape: [null, 2, 2, 3], expectedTrainableWeights: 0 });
    runLayerTest(() => new MaxPooling2D({ poolSize: 3, strides: 2, padding: 'same' }), { inputShape: [1, 5, 5, 2], expectedOutputShape: [null, 3, 3, 2], expectedTrainableWeights: 0 });
  });

  test('errors', () => {
    expect(() => new MaxPooling2D({ poolSize: 0, name: 'p' })).toThrow(new ValueError("MaxPooling2D 'p': poolSize must be a positive integer or a pair of them, got 0"));
    expect(() => new MaxPooling2D({ poolSize: 3, name: 'p1' }).computeOutputShape([null, 2, 2, 1])).toThrow(
      new ShapeError("MaxPooling2D 'p1': the 3x3 pool window is larger than its valid-padded input [null, 2, 2, 1]"),
    );
  });
});
