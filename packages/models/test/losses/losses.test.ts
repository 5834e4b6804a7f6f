import { tensor, variable } from '@strata/core';
import { BinaryCrossentropy, CategoricalCrossentropy, getLoss, MeanSquaredError, SparseCategoricalCrossentropy } from '@strata/models';

const P = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]];
const Y = [[1, 0, 0], [0, 1, 0]];

describe('categorical cross-entropy', () => {
  test('from probabilities: mean over samples of -sum(y log p)', () => {
    const loss = new CategoricalCrossentropy().compute(tensor(Y), tensor(P)).item();
    expect(loss).toBeCloseTo((-Math.log(0.7) - Math.log(0.1)) / 2, 6);
  });

  test('probabilities are renormalised and clipped to [1e-7, 1 - 1e-7], as Keras', () => {
    const per = new CategoricalCrossentropy().call(tensor([[0, 1]]), tensor([[2, 0]])).item();
    expect(per).toBeCloseTo(-Math.log(1e-7), 4);
  });

  test('from logits uses logSoftmax', () => {
    const logits = [[2, 1, 0], [0, 3, -1]];
    const lse = (r: number[]) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
    const expected = ((lse(logits[0]) - 2) + (lse(logits[1]) - 3)) / 2;
    expect(new CategoricalCrossentropy({ fromLogits: true }).compute(tensor(Y), tensor(logits)).item()).toBeCloseTo(expected, 5);
  });

  test('labelSmoothing: y * (1 - s) + s / classes', () => {
    const s = 0.3;
    const smoothed = Y.map((r) => r.map((v) => v * (1 - s) + s / 3));
    const expected = smoothed.reduce((acc, r, i) => acc - r.reduce((a, v, k) => a + v * Math.log(P[i][k]), 0), 0) / 2;
    expect(new CategoricalCrossentropy({ labelSmoothing: s }).compute(tensor(Y), tensor(P)).item()).toBeCloseTo(expected, 5);
  });

  test('logits of magnitude 1e3 give a large finite loss and finite gradients', () => {
    const logits = variable(tensor([[1000, -1000], [-1000, 1000]]));
    const loss = new CategoricalCrossentropy({ fromLogits: true }).compute(tensor([[0, 1], [0, 1]]), logits);
    expect(loss.item()).toBeCloseTo(1000, 3); // (2000 + 0) / 2
    loss.backward();
    expect(Array.from(logits.grad!.values).every(Number.isFinite)).toBe(true);
  });
});

describe('sparse categorical cross-entropy', () => {
  test('equals the categorical loss of the one-hot labels', () => {
    const sparse = new SparseCategoricalCrossentropy().compute(tensor([0, 1]), tensor(P)).item();
    expect(sparse).toBeCloseTo(new CategoricalCrossentropy().compute(tensor(Y), tensor(P)).item(), 6);
  });
});

describe('binary cross-entropy', () => {
  test('from probabilities, mean over the last axis then the batch', () => {
    const p = [[0.9, 0.2], [0.4, 0.6]];
    const y = [[1, 0], [0, 1]];
    const elem = (yy: number, pp: number) => -(yy * Math.log(pp) + (1 - yy) * Math.log(1 - pp));
    const expected = ((elem(1, 0.9) + elem(0, 0.2)) / 2 + (elem(0, 0.4) + elem(1, 0.6)) / 2) / 2;
    expect(new BinaryCrossentropy().compute(tensor(y), tensor(p)).item()).toBeCloseTo(expected, 6);
  });

  test('from logits: stable for ±1e3, exact gradient sigmoid(x) - y even at x = 0', () => {
    const x = variable(tensor([[1000], [-1000], [0]]));
    const loss = new BinaryCrossentropy({ fromLogits: true }).compute(tensor([[0], [1], [1]]), x);
    expect(loss.item()).toBeCloseTo((1000 + 1000 + Math.log(2)) / 3, 3);
    loss.backward();
    const g = Array.from(x.grad!.values).map((v) => v * 3); // undo the batch mean
    expect(g[0]).toBeCloseTo(1, 6);
    expect(g[1]).toBeCloseTo(-1, 6);
    expect(g[2]).toBeCloseTo(-0.5, 6);
  });

  test('labelSmoothing: y * (1 - s) + 0.5 * s', () => {
    const s = 0.2;
    const yy = 1 * (1 - s) + 0.5 * s;
    const expected = -(yy * Math.log(0.7) + (1 - yy) * Math.log(0.3));
    expect(new BinaryCrossentropy({ labelSmoothing: s }).compute(tensor([[1]]), tensor([[0.7]])).item()).toBeCloseTo(expected, 6);
  });
});

describe('mean squared error and reduction', () => {
  test('mean of squares over the last axis; sample weights as sum(l * w) / n', () => {
    const mse = new MeanSquaredError();
    const yt = tensor([[1, 2], [3, 4]]);
    const yp = tensor([[1, 0], [5, 4]]);
    expect(mse.compute(yt, yp).item()).toBeCloseTo((2 + 2) / 2, 6);
    expect(mse.compute(yt, yp, tensor([3, 0])).item()).toBeCloseTo((3 * 2 + 0 * 2) / 2, 6);
  });

  test('registry: camelCase, snake_case and mse; unknown names list the known ones', () => {
    expect(getLoss('categorical_crossentropy')).toBeInstanceOf(CategoricalCrossentropy);
    expect(getLoss('sparseCategoricalCrossentropy')).toBeInstanceOf(SparseCategoricalCrossentropy);
    expect(getLoss('binary_crossentropy')).toBeInstanceOf(BinaryCrossentropy);
    expect(getLoss('mse')).toBeInstanceOf(MeanSquaredError);
    expect(() => getLoss('hinge')).toThrow("compile: unknown loss 'hinge'. Valid: categoricalCrossentropy, sparseCategoricalCrossentropy, binaryCrossentropy, meanSquaredError.");
  });
});

describe('where Keras accepts odd inputs, so does Strata (issue 13)', () => {
  test('binary cross-entropy takes a label of 2 as written, the value TensorFlow.js computes', async () => {
    const tf = await import('@tensorflow/tfjs');
    const yTrue = [[2], [0.5], [-1]];
    const yPred = [[0.3], [0.9], [0.6]];
    const ours = new BinaryCrossentropy().call(tensor(yTrue), tensor(yPred)).values;
    const theirs = tf.metrics.binaryCrossentropy(tf.tensor2d(yTrue), tf.tensor2d(yPred)).dataSync();
    Array.from(theirs).forEach((v, i) => expect(ours[i]).toBeCloseTo(v, 5));
  });
});
