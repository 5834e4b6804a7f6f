import { ShapeError, tensor, ValueError } from '@strata/core';
import { Reshape } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('Reshape', () => {
  test('row-major per sample; one -1 is inferred', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 6]);
    expect(new Reshape([3, 2]).apply(x).toArray()).toEqual([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
    expect(new Reshape({ targetShape: [-1, 3] }).apply(x).shape).toEqual([2, 2, 3]);
  });

  test('layer contract', () => {
    runLayerTest(() => new Reshape([4, -1]), { inputShape: [2, 3, 4], expectedOutputShape: [null, 4, 3], expectedTrainableWeights: 0 });
    expect(new Reshape([-1, 2]).computeOutputShape([null, null, 4])).toEqual([null, null, 2]);
  });

  test('errors name the layer', () => {
    expect(() => new Reshape([-1, -1], { name: 'r' })).toThrow(new ValueError("Reshape 'r': targetShape must be an array of positive integers with at most one -1, got [-1,-1]"));
    expect(() => new Reshape([0, 2], { name: 'r0' })).toThrow(ValueError);
    expect(() => new Reshape({ targetShape: [2], tagetShape: [2] } as never)).toThrow(/Did you mean 'targetShape'/);
    expect(() => new Reshape([5], { name: 'r1' }).apply(tensor([1, 2, 3, 4, 5, 6], [1, 6]))).toThrow(
      new ShapeError("Reshape 'r1': cannot reshape an input of shape [null, 6] (6 values per sample) into [5]"),
    );
    expect(() => new Reshape([-1, 4], { name: 'r2' }).computeOutputShape([null, 6])).toThrow(ShapeError);
  });
});
