import { ShapeError, tensor, ValueError } from '@strata/core';
import { Permute } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('Permute', () => {
  test('dims are 1-based and leave the batch axis first', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [1, 2, 3]);
    expect(new Permute([2, 1]).apply(x).toArray()).toEqual([[[1, 4], [2, 5], [3, 6]]]);
  });

  test('layer contract', () => {
    runLayerTest(() => new Permute([3, 1, 2]), { inputShape: [2, 3, 4, 5], expectedOutputShape: [null, 5, 3, 4], expectedTrainableWeights: 0 });
  });

  test('errors', () => {
    expect(() => new Permute([0, 1], { name: 'p' })).toThrow(new ValueError("Permute 'p': dims must be a permutation of 1..n (the axes after the batch, 1-based), got [0,1]"));
    expect(() => new Permute([1, 1])).toThrow(ValueError);
    expect(() => new Permute([2, 1], { name: 'p2' }).apply(tensor([1, 2], [1, 2]))).toThrow(
      new ShapeError("Permute 'p2': dims [2,1] permute 2 axes, but the input has 1 after the batch"),
    );
  });
});
