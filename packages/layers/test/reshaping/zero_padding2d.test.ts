import { ShapeError, tensor, ValueError } from '@strata/core';
import { ZeroPadding2D } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('ZeroPadding2D', () => {
  test('the three forms of padding', () => {
    expect(new ZeroPadding2D().padding).toEqual([[1, 1], [1, 1]]);
    expect(new ZeroPadding2D([1, 2]).padding).toEqual([[1, 1], [2, 2]]);
    expect(new ZeroPadding2D({ padding: [[0, 1], [2, 0]] }).padding).toEqual([[0, 1], [2, 0]]);
    const y = new ZeroPadding2D([[0, 1], [1, 0]]).apply(tensor([1, 2, 3, 4], [1, 2, 2, 1]));
    expect(Array.from(y.dataSync())).toEqual([0, 1, 2, 0, 3, 4, 0, 0, 0]);
  });

  test('layer contract', () => {
    runLayerTest(() => new ZeroPadding2D([[1, 2], [0, 3]]), { inputShape: [2, 3, 2, 3], expectedOutputShape: [null, 6, 5, 3], expectedTrainableWeights: 0 });
  });

  test('errors', () => {
    expect(() => new ZeroPadding2D(-1, { name: 'z' })).toThrow(new ValueError("ZeroPadding2D 'z': padding must be a non-negative integer, [height, width] or [[top, bottom], [left, right]], got -1"));
    expect(() => new ZeroPadding2D([[1, 2], 3] as never)).toThrow(ValueError);
    expect(() => new ZeroPadding2D({ paddin: 1 } as never)).toThrow(/Did you mean 'padding'/);
    expect(() => new ZeroPadding2D(1, { name: 'z1' }).apply(tensor([1, 2], [1, 2]))).toThrow(ShapeError);
  });
});
