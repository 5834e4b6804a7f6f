import { ShapeError, tensor, ValueError } from '@strata/core';
import { UpSampling2D } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('UpSampling2D', () => {
  test('nearest repeats rows and columns; bilinear interpolates as TensorFlow.js (the edge repeats)', () => {
    const x = tensor([0, 4, 8, 12], [1, 2, 2, 1]);
    expect(Array.from(new UpSampling2D([1, 2]).apply(x).dataSync())).toEqual([0, 0, 4, 4, 8, 8, 12, 12]);
    const y = new UpSampling2D(2, { interpolation: 'bilinear' }).apply(x);
    expect(Array.from(y.dataSync())).toEqual([0, 2, 4, 4, 4, 6, 8, 8, 8, 10, 12, 12, 8, 10, 12, 12]);
  });

  test('layer contract, both interpolations', () => {
    runLayerTest(() => new UpSampling2D(), { inputShape: [2, 3, 2, 3], expectedOutputShape: [null, 6, 4, 3], expectedTrainableWeights: 0 });
    runLayerTest(() => new UpSampling2D({ size: [3, 2], interpolation: 'bilinear' }), { inputShape: [2, 2, 3, 2], expectedOutputShape: [null, 6, 6, 2], expectedTrainableWeights: 0 });
  });

  test('errors', () => {
    expect(() => new UpSampling2D({ interpolation: 'bicubic' as 'nearest', name: 'u' })).toThrow(new ValueError("UpSampling2D 'u': interpolation must be 'nearest' or 'bilinear', got \"bicubic\""));
    expect(() => new UpSampling2D(0)).toThrow(ValueError);
    expect(() => new UpSampling2D(2, { name: 'u1' }).apply(tensor([1, 2], [1, 2]))).toThrow(ShapeError);
  });
});
