import { tensor, ShapeError, ValueError } from '@strata/core';
import { AveragePooling1D, deserializeLayer, MaxPooling1D } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('MaxPooling1D and AveragePooling1D', () => {
  // [1, 5, 2]: channel 0 holds 1, 5, 2, 4, 3; channel 1 holds -1, -2, -3, -4, -5.
  const seq = (): ReturnType<typeof tensor> => tensor([1, -1, 5, -2, 2, -3, 4, -4, 3, -5], [1, 5, 2]);

  test('pool size 2 by default, strides = poolSize, valid drops the odd last step', () => {
    const max = new MaxPooling1D();
    expect([max.poolSize, max.strides]).toEqual([2, 2]);
    expect(Array.from(max.apply(seq()).dataSync())).toEqual([5, -1, 4, -3]);
    expect(Array.from(new AveragePooling1D().apply(seq()).dataSync())).toEqual([3, -1.5, 3, -3.5]);
  });

  test("'same' keeps the last step; the average counts in-sequence steps only", () => {
    expect(Array.from(new MaxPooling1D(2, { padding: 'same' }).apply(seq()).dataSync())).toEqual([5, -1, 4, -3, 3, -5]);
    expect(Array.from(new AveragePooling1D(2, { padding: 'same' }).apply(seq()).dataSync())).toEqual([3, -1.5, 3, -3.5, 3, -5]);
    expect(Array.from(new AveragePooling1D(3, { strides: 1, padding: 'same' }).apply(seq()).dataSync().slice(0, 2))).toEqual([3, -1.5]);
  });

  test('layer contract: valid, same, overlapping windows, stride larger than the pool', () => {
    for (const make of [(o: object) => new MaxPooling1D(o), (o: object) => new AveragePooling1D(o)]) {
      runLayerTest(() => make({ poolSize: 2 }), { inputShape: [2, 7, 3], expectedOutputShape: [null, 3, 3], expectedTrainableWeights: 0 });
      runLayerTest(() => make({ poolSize: 3, strides: 2, padding: 'same' }), { inputShape: [2, 7, 3], expectedOutputShape: [null, 4, 3], expectedTrainableWeights: 0 });
      runLayerTest(() => make({ poolSize: [2], strides: [3] }), { inputShape: [1, 8, 2], expectedOutputShape: [null, 3, 2], expectedTrainableWeights: 0 });
    }
  });

  test('config as TensorFlow.js writes a 1D pool (one-element arrays, no dataFormat); Keras aliases resolve', () => {
    expect(new MaxPooling1D(3, { strides: 1, name: 'm' }).getConfig()).toEqual({ name: 'm', trainable: true, dtype: 'float32', poolSize: [3], strides: [1], padding: 'valid' });
    expect(deserializeLayer({ className: 'MaxPool1D', config: { poolSize: [2], name: 'm1' } })).toBeInstanceOf(MaxPooling1D);
    expect(deserializeLayer({ className: 'AvgPool1D', config: { poolSize: 2, name: 'a1' } })).toBeInstanceOf(AveragePooling1D);
  });

  test('errors name the layer', () => {
    expect(() => new MaxPooling1D([2, 2] as never, { name: 'm2' })).toThrow(new ValueError("MaxPooling1D 'm2': poolSize must be a positive integer or an array of one, got [2,2]"));
    expect(() => new AveragePooling1D({ strides: 0, name: 'a2' })).toThrow(new ValueError("AveragePooling1D 'a2': strides must be a positive integer or an array of one, got 0"));
    expect(() => new MaxPooling1D({ pool_size: 2 } as never)).toThrow(/MaxPooling1D: unknown option 'pool_size'\. Did you mean 'poolSize'\?/);
    expect(() => new MaxPooling1D(4, { name: 'm3' }).apply(tensor([1, 2, 3], [1, 3, 1]))).toThrow(
      new ShapeError("MaxPooling1D 'm3': the pool window of size 4 is larger than its valid-padded input [null, 3, 1]"),
    );
    expect(() => new AveragePooling1D({ name: 'a3' }).apply(tensor([1, 2, 3, 4], [1, 2, 2, 1]))).toThrow(
      new ShapeError("AveragePooling1D 'a3': expected input of rank 3 [batch, steps, channels], got [null, 2, 2, 1]"),
    );
  });
});
