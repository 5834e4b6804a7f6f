import { tensor, ShapeError, ValueError } from '@strata/core';
import { deserializeLayer, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

// [1, 2, 2, 2]: channel 0 holds 1, 2, 3, 6; channel 1 holds -1, -5, -3, -2.
const image = (): ReturnType<typeof tensor> => tensor([1, -1, 2, -5, 3, -3, 6, -2], [1, 2, 2, 2], { requiresGrad: true });

describe('GlobalAveragePooling2D and GlobalMaxPooling2D', () => {
  test('reduce height and width per channel; keepdims keeps them as size 1', () => {
    expect(Array.from(new GlobalAveragePooling2D().apply(image()).dataSync())).toEqual([3, -2.75]);
    expect(Array.from(new GlobalMaxPooling2D().apply(image()).dataSync())).toEqual([6, -1]);
    expect(new GlobalAveragePooling2D({ keepdims: true }).apply(image()).shape).toEqual([1, 1, 1, 2]);
    expect(new GlobalMaxPooling2D({ keepdims: true }).apply(image()).shape).toEqual([1, 1, 1, 2]);
  });

  test('max: a NaN propagates; the gradient goes to the maximum, split evenly among ties (TensorFlow)', () => {
    expect(Array.from(new GlobalMaxPooling2D().apply(tensor([1, NaN, 3, 2], [1, 2, 2, 1])).dataSync())).toEqual([NaN]);
    const x = tensor([1, 4, 4, 2], [1, 2, 2, 1], { requiresGrad: true });
    new GlobalMaxPooling2D().apply(x).backward(tensor([6], [1, 1]));
    expect(Array.from(x.grad!.dataSync())).toEqual([0, 3, 3, 0]);
  });

  test('layer contract, with and without keepdims', () => {
    for (const keepdims of [false, true]) {
      runLayerTest(() => new GlobalAveragePooling2D({ keepdims }), { inputShape: [2, 3, 5, 4], expectedOutputShape: keepdims ? [null, 1, 1, 4] : [null, 4], expectedTrainableWeights: 0 });
      runLayerTest(() => new GlobalMaxPooling2D({ keepdims }), { inputShape: [2, 3, 5, 4], expectedOutputShape: keepdims ? [null, 1, 1, 4] : [null, 4], expectedTrainableWeights: 0 });
    }
    expect(new GlobalAveragePooling2D().computeOutputShape([null, null, null, 3])).toEqual([null, 3]);
  });

  test("config: TensorFlow.js's dataFormat plus Keras 3's keepdims; Keras aliases resolve", () => {
    expect(new GlobalMaxPooling2D({ keepdims: true, name: 'g' }).getConfig()).toEqual({ name: 'g', trainable: true, dtype: 'float32', dataFormat: 'channelsLast', keepdims: true });
    expect(deserializeLayer({ className: 'GlobalAvgPool2D', config: { name: 'g1' } })).toBeInstanceOf(GlobalAveragePooling2D);
    expect(deserializeLayer({ className: 'GlobalMaxPool2D', config: { name: 'g2' } })).toBeInstanceOf(GlobalMaxPooling2D);
  });

  test('errors name the layer', () => {
    expect(() => new GlobalAveragePooling2D({ keepdims: 1 as never, name: 'g' })).toThrow(new ValueError("GlobalAveragePooling2D 'g': keepdims must be true or false, got 1"));
    expect(() => new GlobalMaxPooling2D({ keepDims: true } as never)).toThrow(/GlobalMaxPooling2D: unknown option 'keepDims'\. Did you mean 'keepdims'\?/);
    expect(() => new GlobalAveragePooling2D({ dataFormat: 'channelsFirst' as never, name: 'g' })).toThrow(/GlobalAveragePooling2D 'g': dataFormat must be 'channelsLast'/);
    expect(() => new GlobalAveragePooling2D({ name: 'g3' }).apply(tensor([1, 2, 3, 4], [1, 2, 2]))).toThrow(
      new ShapeError("GlobalAveragePooling2D 'g3': expected input of rank 4 [batch, height, width, channels], got shape [null, 2, 2]"),
    );
  });
});

describe('GlobalAveragePooling1D and GlobalMaxPooling1D', () => {
  // [1, 3, 2]: channel 0 holds 1, 2, 6; channel 1 holds -1, -5, -3.
  const seq = (): ReturnType<typeof tensor> => tensor([1, -1, 2, -5, 6, -3], [1, 3, 2], { requiresGrad: true });

  test('reduce the steps per channel; keepdims keeps them as size 1', () => {
    expect(Array.from(new GlobalAveragePooling1D().apply(seq()).dataSync())).toEqual([3, -3]);
    expect(Array.from(new GlobalMaxPooling1D().apply(seq()).dataSync())).toEqual([6, -1]);
    expect(new GlobalAveragePooling1D({ keepdims: true }).apply(seq()).shape).toEqual([1, 1, 2]);
  });

  test('layer contract, with and without keepdims', () => {
    for (const keepdims of [false, true]) {
      runLayerTest(() => new GlobalAveragePooling1D({ keepdims }), { inputShape: [2, 5, 3], expectedOutputShape: keepdims ? [null, 1, 3] : [null, 3], expectedTrainableWeights: 0 });
      runLayerTest(() => new GlobalMaxPooling1D({ keepdims }), { inputShape: [2, 5, 3], expectedOutputShape: keepdims ? [null, 1, 3] : [null, 3], expectedTrainableWeights: 0 });
    }
  });

  test('aliases and rank errors', () => {
    expect(deserializeLayer({ className: 'GlobalAvgPool1D', config: { name: 'g4' } })).toBeInstanceOf(GlobalAveragePooling1D);
    expect(deserializeLayer({ className: 'GlobalMaxPool1D', config: { name: 'g5' } })).toBeInstanceOf(GlobalMaxPooling1D);
    expect(() => new GlobalAveragePooling1D({ name: 'g6' }).apply(tensor([1, 2, 3, 4], [1, 2, 2, 1]))).toThrow(
      new ShapeError("GlobalAveragePooling1D 'g6': expected input of rank 3 [batch, steps, channels], got shape [null, 2, 2, 1]"),
    );
  });
});
