import { ShapeError, tensor, ValueError } from '@strata/core';
import { LayerNormalization } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('LayerNormalization', () => {
  test('Keras defaults: axis -1, epsilon 1e-3, gamma then beta of the feature size', () => {
    const layer = new LayerNormalization();
    expect([layer.axis, layer.epsilon, layer.center, layer.scale]).toEqual([-1, 1e-3, true, true]);
    const y = layer.apply(tensor([[1, 2, 3, 4], [-1, -1, -1, -1]]));
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([[`${layer.name}/gamma`, [4]], [`${layer.name}/beta`, [4]]]);
    const s = 1 / Math.sqrt(1.25 + 1e-3);
    const row = Array.from(y.dataSync().subarray(0, 4));
    [-1.5, -0.5, 0.5, 1.5].forEach((v, i) => expect(row[i]).toBeCloseTo(v * s, 6));
    expect(Array.from(y.dataSync().subarray(4))).toEqual([0, 0, 0, 0]);
    expect(layer.countParams()).toBe(8);
  });

  test('layer contract: the last axis, trailing axes, and axes that must move last (transposed and back)', () => {
    runLayerTest(() => new LayerNormalization(), { inputShape: [3, 5], expectedOutputShape: [null, 5], expectedTrainableWeights: 2 });
    runLayerTest(() => new LayerNormalization({ axis: [2, 3] }), { inputShape: [2, 3, 2, 3], expectedOutputShape: [null, 3, 2, 3], expectedTrainableWeights: 2 });
    const layer = runLayerTest(() => new LayerNormalization({ axis: [1, 3], scale: false }), { inputShape: [2, 3, 2, 2], expectedOutputShape: [null, 3, 2, 2], expectedTrainableWeights: 1 });
    expect(layer.weights[0].shape).toEqual([3, 2]);
  });

  test('normalising axes [1, 3] equals normalising them after moving them last', () => {
    const x = tensor(Array.from({ length: 24 }, (_, i) => Math.sin(i * 1.7) * 3), [2, 3, 2, 2]);
    const a = new LayerNormalization({ axis: [1, 3], center: false, scale: false }).apply(x).toArray() as number[][][][];
    // By hand: each (sample, column) pair normalised over its 3 x 2 values.
    const xs = x.toArray() as number[][][][];
    for (let b = 0; b < 2; b++) for (let w = 0; w < 2; w++) {
      const vals = [0, 1, 2].flatMap((h) => [0, 1].map((c) => xs[b][h][w][c]));
      const m = vals.reduce((s, v) => s + v, 0) / 6;
      const sd = Math.sqrt(vals.reduce((s, v) => s + (v - m) ** 2, 0) / 6 + 1e-3);
      [0, 1, 2].forEach((h) => [0, 1].forEach((c) => expect(a[b][h][w][c]).toBeCloseTo((xs[b][h][w][c] - m) / sd, 5)));
    }
  });

  test('errors', () => {
    expect(() => new LayerNormalization({ axis: [], name: 'ln' })).toThrow(new ValueError("LayerNormalization 'ln': axis must be an integer or a non-empty array of integers, got []"));
    expect(() => new LayerNormalization({ epsilon: 0 })).toThrow(ValueError);
    expect(() => new LayerNormalization({ axis: 0, name: 'ln0' }).apply(tensor([[1, 2]]))).toThrow(
      new ValueError("LayerNormalization 'ln0': axis 0 must be increasing feature axes (not the batch axis) of an input of rank 2"),
    );
    expect(() => new LayerNormalization({ axis: [2, 1] }).apply(tensor([[[1, 2]]]))).toThrow(ValueError);
    const built = new LayerNormalization({ name: 'ln1' });
    built.apply(tensor([[1, 2, 3]]));
    expect(() => built.apply(tensor([[1, 2]]))).toThrow(ShapeError);
    expect(() => new LayerNormalization({ epsilom: 1 } as never)).toThrow(/Did you mean 'epsilon'/);
  });
});
