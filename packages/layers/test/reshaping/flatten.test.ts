import { tensor } from '@strata/core';
import { Flatten } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('Flatten', () => {
  test('row-major, keeps the batch axis', () => {
    const x = tensor([[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]]);
    const y = new Flatten().apply(x);
    expect(y.toArray()).toEqual([[1, 2, 3, 4, 5, 6, 7, 8]]);
    runLayerTest(() => new Flatten(), { inputShape: [2, 3, 4, 5], expectedOutputShape: [null, 60], expectedTrainableWeights: 0 });
  });

  test('unknown dimensions are named', () => {
    expect(() => new Flatten({ name: 'f' }).computeOutputShape([null, null, 3])).toThrow("Flatten 'f': needs every non-batch dimension to be known, got [null, 3]");
  });
});
