import { ShapeError, tensor, ValueError } from '@strata/core';
import { Cropping2D } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('Cropping2D', () => {
  test('the three forms of cropping', () => {
    expect(new Cropping2D().cropping).toEqual([[0, 0], [0, 0]]);
    expect(new Cropping2D(2).cropping).toEqual([[2, 2], [2, 2]]);
    expect(new Cropping2D({ cropping: [1, 0] }).cropping).toEqual([[1, 1], [0, 0]]);
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    expect(Array.from(new Cropping2D([[1, 0], [0, 1]]).apply(x).dataSync())).toEqual([4, 5, 7, 8]);
  });

  test('layer contract', () => {
    runLayerTest(() => new Cropping2D([[1, 2], [0, 1]]), { inputShape: [2, 5, 4, 3], expectedOutputShape: [null, 2, 3, 3], expectedTrainableWeights: 0 });
  });

  test('errors', () => {
    expect(() => new Cropping2D([1.5, 0])).toThrow(ValueError);
    expect(() => new Cropping2D([[2, 1], [0, 0]], { name: 'c' }).computeOutputShape([null, 3, 4, 1])).toThrow(
      new ShapeError("Cropping2D 'c': cropping [2,1] leaves nothing of the input's height 3 (input [null, 3, 4, 1])"),
    );
  });
});
