import { tensor, ValueError } from '@strata/core';
import { BatchNormalization } from '../../src';
import { runLayerTest, randomInput, expectAllClose } from '../helpers/layer_test';

/** Per-channel mean and biased variance over all but the last axis, in float64. */
function stats(v: ArrayLike<number>, c: number): { mean: number[]; variance: number[] } {
  const n = v.length / c;
  const mean = Array(c).fill(0);
  const variance = Array(c).fill(0);
  for (let i = 0; i < v.length; i++) mean[i % c] += v[i] / n;
  for (let i = 0; i < v.length; i++) variance[i % c] += (v[i] - mean[i % c]) ** 2 / n;
  return { mean, variance };
}

describe('BatchNormalization', () => {
  test('Keras defaults and weight order gamma, beta, moving_mean, moving_variance', () => {
    const bn = new BatchNormalization();
    expect(bn.momentum).toBe(0.99);
    expect(bn.epsilon).toBe(1e-3);
    expect(bn.axis).toBe(-1);
    bn.ensureBuilt([null, 4, 4, 3]);
    expect(bn.weights.map((w) => w.name.split('/')[1])).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(bn.trainableWeights).toHaveLength(2);
    expect(bn.nonTrainableWeights).toHaveLength(2);
    expect(Array.from(bn.movingVariance!.dataSync())).toEqual([1, 1, 1]);
    expect(bn.countParams()).toBe(12);
  });

  test('training output uses the batch statistics (hand formula)', () => {
    const bn = new BatchNormalization({ epsilon: 0.001 });
    const x = randomInput([3, 2, 2, 4], 'bn', 0);
    bn.ensureBuilt([null, 2, 2, 4]);
    bn.setWeights([tensor([1, 2, 0.5, 1]), tensor([0, 1, -1, 0.5]), tensor([0, 0, 0, 0]), tensor([1, 1, 1, 1])]);
    const y = bn.apply(x, { training: true }).dataSync();
    const v = x.dataSync();
    const { mean, variance } = stats(v, 4);
    const g = [1, 2, 0.5, 1];
    const b = [0, 1, -1, 0.5];
    const expected = Array.from(v, (val, i) => g[i % 4] * (val - mean[i % 4]) / Math.sqrt(variance[i % 4] + 0.001) + b[i % 4]);
    expectAllClose(y, expected, 1e-5);
  });

  test('moving statistics after several steps follow moving = moving * m + batch * (1 - m)', () => {
    const bn = new BatchNormalization({ momentum: 0.9 });
    let mm = [0, 0];
    let mv = [1, 1];
    for (let step = 0; step < 4; step++) {
      const x = randomInput([8, 2], `step${step}`, 0);
      bn.apply(x, { training: true });
      const { mean, variance } = stats(x.dataSync(), 2);
      mm = mm.map((m, i) => m * 0.9 + mean[i] * 0.1);
      mv = mv.map((m, i) => m * 0.9 + variance[i] * 0.1);
    }
    expectAllClose(bn.movingMean!.dataSync(), mm, 1e-5);
    expectAllClose(bn.movingVariance!.dataSync(), mv, 1e-5);
    // Inference now normalises with those moving statistics, and does not update them.
    const x = tensor([[1, 2], [3, 4]]);
    const y = bn.apply(x, { training: false }).dataSync();
    const expected = [1, 2, 3, 4].map((val, i) => (val - mm[i % 2]) / Math.sqrt(mv[i % 2] + 1e-3));
    expectAllClose(y, expected, 1e-5);
    expectAllClose(bn.movingMean!.dataSync(), mm, 1e-5);
  });

  test('full gradient through the batch statistics on 4D input in training mode', () => {
    runLayerTest(() => new BatchNormalization({ gammaInitializer: 'randomNormal' }), {
      inputShape: [3, 2, 3, 4], expectedOutputShape: [null, 2, 3, 4], expectedTrainableWeights: 2, expectedNonTrainableWeights: 2, training: true,
    });
    runLayerTest(() => new BatchNormalization({ center: false }), {
      inputShape: [5, 3], expectedOutputShape: [null, 3], expectedTrainableWeights: 1, expectedNonTrainableWeights: 2, training: true,
    });
  });

  test('inference-mode gradient and a non-last axis', () => {
    runLayerTest(() => new BatchNormalization(), { inputShape: [2, 3, 4], expectedOutputShape: [null, 3, 4], expectedTrainableWeights: 2, expectedNonTrainableWeights: 2 });
    runLayerTest(() => new BatchNormalization({ axis: 1 }), {
      inputShape: [4, 3, 2], expectedOutputShape: [null, 3, 2], expectedTrainableWeights: 2, expectedNonTrainableWeights: 2, training: true,
    });
  });

  test('a frozen layer normalises with moving statistics and keeps them', () => {
    const bn = new BatchNormalization();
    bn.ensureBuilt([null, 2]);
    bn.trainable = false;
    expect(bn.trainableWeights).toHaveLength(0);
    const x = tensor([[1, 2], [3, 4]]);
    const y = bn.apply(x, { training: true }).dataSync();
    expectAllClose(y, [1, 2, 3, 4].map((v) => v / Math.sqrt(1 + 1e-3)), 1e-6);
    expect(Array.from(bn.movingMean!.dataSync())).toEqual([0, 0]);
  });

  test('invalid configs', () => {
    expect(() => new BatchNormalization({ momentum: 1.5, name: 'bn' })).toThrow(new ValueError("BatchNormalization 'bn': momentum must be in [0, 1], got 1.5"));
    expect(() => new BatchNormalization({ epsilon: 0, name: 'bn' })).toThrow(/epsilon must be > 0/);
  });
});
