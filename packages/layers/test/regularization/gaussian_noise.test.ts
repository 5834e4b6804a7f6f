import { ones, ValueError } from '@strata/core';
import { GaussianNoise, hasRngState } from '../../src';
import { randomInput, runLayerTest } from '../helpers/layer_test';

describe('GaussianNoise', () => {
  test('identity at inference; in training adds noise of the given standard deviation', () => {
    const x = randomInput([4, 5], 1);
    expect(Array.from(new GaussianNoise(0.5).apply(x).dataSync())).toEqual(Array.from(x.dataSync()));
    const y = new GaussianNoise(0.2, { seed: 3 }).apply(ones([100, 100]), { training: true }).dataSync();
    const d = Array.from(y, (v) => v - 1);
    const mean = d.reduce((s, v) => s + v, 0) / d.length;
    const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sd - 0.2)).toBeLessThan(0.01);
  });

  test('seeded; the generator state resumes the noise sequence exactly', () => {
    const a = new GaussianNoise({ stddev: 1, seed: 9 });
    const b = new GaussianNoise({ stddev: 1, seed: 9 });
    const x = ones([3, 7]);
    expect(Array.from(a.apply(x, { training: true }).dataSync())).toEqual(Array.from(b.apply(x, { training: true }).dataSync()));
    expect(hasRngState(a)).toBe(true);
    const state = a.getRngState();
    const next = Array.from(a.apply(x, { training: true }).dataSync());
    const c = new GaussianNoise(1);
    c.setRngState(state);
    expect(Array.from(c.apply(x, { training: true }).dataSync())).toEqual(next);
  });

  test('layer contract; the gradient passes unchanged in training', () => {
    runLayerTest(() => new GaussianNoise({ stddev: 0.1, seed: 5 }), { inputShape: [2, 3, 4], expectedOutputShape: [null, 3, 4], expectedTrainableWeights: 0, gradients: false });
    const x = randomInput([2, 3], 2);
    new GaussianNoise(0.3, { seed: 1 }).apply(x, { training: true }).backward(ones([2, 3]));
    expect(Array.from(x.grad!.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
  });

  test('errors', () => {
    expect(() => new GaussianNoise(-1, { name: 'gn' })).toThrow(new ValueError("GaussianNoise 'gn': stddev must be >= 0 and finite, got -1"));
    expect(() => new GaussianNoise({ stddev: Infinity })).toThrow(ValueError);
    expect(() => new GaussianNoise({ stdev: 1 } as never)).toThrow(/Did you mean 'stddev'/);
  });
});
