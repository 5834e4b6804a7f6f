import { tensor } from '@strata/core';
import {
  BinaryCrossentropy, CategoricalAccuracy, CategoricalCrossentropy, confusionMatrix, getMetric, MeanSquaredError,
  SparseCategoricalCrossentropy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, topKCategoricalAccuracy,
} from '@strata/models';

const PRED = tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6], [0.3, 0.3, 0.4]]);

describe('accuracy functions', () => {
  test('categorical, sparse, binary', () => {
    expect(Array.from(categoricalAccuracy(tensor([[0, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]), PRED))).toEqual([1, 0, 1, 0]);
    expect(Array.from(sparseCategoricalAccuracy(tensor([1, 1, 2, 0]), PRED))).toEqual([1, 0, 1, 0]);
    expect(Array.from(binaryAccuracy(tensor([[1, 0], [1, 1]]), tensor([[0.9, 0.6], [0.2, 0.51]])))).toEqual([0.5, 0.5]);
  });

  test('top-k counts ties in favour of the true class (in_top_k)', () => {
    const y = tensor([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    const p = tensor([[0.5, 0.3, 0.2], [0.4, 0.4, 0.2], [0.1, 0.2, 0.7]]);
    expect(Array.from(topKCategoricalAccuracy(y, p, 1))).toEqual([0, 1, 0]);
    expect(Array.from(topKCategoricalAccuracy(y, p, 2))).toEqual([0, 1, 1]);
  });
});

describe('running metrics', () => {
  test('the result is the mean over samples: batch values weighted by batch size', () => {
    const m = new CategoricalAccuracy();
    m.updateState(tensor([[1, 0]]), tensor([[0.9, 0.1]])); // 1 of 1
    m.updateState(tensor([[1, 0], [1, 0], [1, 0]]), tensor([[0.1, 0.9], [0.1, 0.9], [0.9, 0.1]])); // 1 of 3
    expect(m.result()).toBeCloseTo(2 / 4, 10);
    m.resetState();
    expect(m.result()).toBe(0);
  });

  test("'accuracy' follows the loss, else Keras's shape rule; the key is the given name", () => {
    expect(getMetric('accuracy', new SparseCategoricalCrossentropy()).name).toBe('accuracy');
    const sparse = getMetric('acc', new SparseCategoricalCrossentropy());
    sparse.updateState(tensor([1, 0]), tensor([[0.2, 0.8], [0.3, 0.7]]));
    expect([sparse.name, sparse.result()]).toEqual(['acc', 0.5]);
    const binary = getMetric('accuracy', new BinaryCrossentropy());
    binary.updateState(tensor([[1, 0]]), tensor([[0.7, 0.8]])); // multi-label: binary even with 2 units
    expect(binary.result()).toBe(0.5);
    const categorical = getMetric('accuracy', new CategoricalCrossentropy());
    categorical.updateState(tensor([[0, 1]]), tensor([[0.2, 0.8]]));
    expect(categorical.result()).toBe(1);
    const byShape = getMetric('accuracy', new MeanSquaredError());
    byShape.updateState(tensor([[1], [0]]), tensor([[0.7], [0.8]])); // one unit: binary
    expect(byShape.result()).toBe(0.5);
  });

  test('named metrics use Keras history keys; unknown names are listed', () => {
    expect(getMetric('sparseCategoricalAccuracy', null).name).toBe('sparse_categorical_accuracy');
    expect(getMetric('topKCategoricalAccuracy', null).name).toBe('top_k_categorical_accuracy');
    expect(() => getMetric('f1', null)).toThrow("compile: unknown metric 'f1'. Valid: accuracy, categoricalAccuracy, sparseCategoricalAccuracy, binaryAccuracy, topKCategoricalAccuracy.");
  });
});

describe('confusionMatrix', () => {
  test('rows are true classes; accepts indices, one-hot and probabilities', () => {
    const yTrue = tensor([0, 1, 2, 2, 1]);
    const yPred = tensor([[0.9, 0.1, 0], [0.2, 0.3, 0.5], [0, 0, 1], [0, 1, 0], [0, 1, 0]]);
    const expected = [[1, 0, 0], [0, 1, 1], [0, 1, 1]];
    expect(confusionMatrix(yTrue, yPred, 3).toArray()).toEqual(expected);
    const oneHotTrue = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1], [0, 1, 0]]);
    expect(confusionMatrix(oneHotTrue, tensor([0, 2, 2, 1, 1]), 3).toArray()).toEqual(expected);
    expect(confusionMatrix(yTrue, yPred, 3).dtype).toBe('int32');
  });

  test('rejects out-of-range indices and mismatched widths', () => {
    expect(() => confusionMatrix(tensor([0, 3]), tensor([0, 1]), 3)).toThrow(/yTrue\[1\] = 3 is not a class index in \[0, 3\)/);
    expect(() => confusionMatrix(tensor([0, 1]), tensor([[1, 0], [0, 1]]), 3)).toThrow(/yPred has 2 columns, expected numClasses = 3/);
  });
});
