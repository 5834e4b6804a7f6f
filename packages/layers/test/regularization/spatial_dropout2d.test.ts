import { ones, ShapeError, ValueError } from '@strata/core';
import { hasRngState, SpatialDropout2D } from '../../src';
import { randomInput, runLayerTest } from '../helpers/layer_test';

describe('SpatialDropout2D', () => {
  test('identity at inference', () => {
    const x = randomInput([2, 3, 3, 4], 1);
    expect(Array.from(new SpatialDropout2D(0.5).apply(x).dataSync())).toEqual(Array.from(x.dataSync()));
  });

  test('training drops whole feature maps per sample, survivors scaled by 1 / (1 - rate)', () => {
    const y = new SpatialDropout2D(0.5, { seed: 7 }).apply(ones([4, 3, 5, 6]), { training: true }).dataSync();
    const maps = new Set<number>();
    for (let b = 0; b < 4; b++) for (let c = 0; c < 6; c++) {
      const vals = new Set<number>();
      for (let p = 0; p < 15; p++) vals.add(y[(b * 15 + p) * 6 + c]);
      expect(vals.size).toBe(1);
      maps.add([...vals][0]);
    }
    expect([...maps].sort()).toEqual([0, 2]);
  });

  test('seeded; the generator state resumes the mask sequence exactly', () => {
    const a = new SpatialDropout2D({ rate: 0.5, seed: 42 });
    const b = new SpatialDropout2D({ rate: 0.5, seed: 42 });
    const x = ones([3, 2, 2, 8]);
    expect(Array.from(a.apply(x, { training: true }).dataSync())).toEqual(Array.from(b.apply(x, { training: true }).dataSync()));
    expect(hasRngState(a)).toBe(true);
    const state = a.getRngState();
    const next = Array.from(a.apply(x, { training: true }).dataSync());
    const c = new SpatialDropout2D(0.5);
    c.setRngState(state);
    expect(Array.from(c.apply(x, { training: true }).dataSync())).toEqual(next);
    expect(() => c.setRngState({ c: 1, s0: 2, s1: 0, s2: 0 })).toThrow(/setRngState: expected a generator state/);
  });

  test('layer contract; gradient in training is the mask', () => {
    runLayerTest(() => new SpatialDropout2D({ rate: 0.3, seed: 5 }), { inputShape: [2, 3, 2, 4], expectedOutputShape: [null, 3, 2, 4], expectedTrainableWeights: 0, gradients: false });
    const x = randomInput([2, 2, 2, 3], 2);
    const y = new SpatialDropout2D(0.4, { seed: 1 }).apply(x, { training: true });
    y.backward(ones([2, 2, 2, 3]));
    const g = x.grad!.dataSync(), yv = y.dataSync(), xv = x.dataSync();
    for (let i = 0; i < g.length; i++) expect(g[i]).toBeCloseTo(yv[i] === 0 ? 0 : yv[i] / xv[i], 5);
  });

  test('errors', () => {
    expect(() => new SpatialDropout2D(1, { name: 'sd' })).toThrow(new ValueError("SpatialDropout2D 'sd': rate must be in [0, 1), got 1"));
    expect(() => new SpatialDropout2D(0.5, { seed: 1.5 })).toThrow(ValueError);
    expect(() => new SpatialDropout2D({ rate: 0.5, noiseShape: [1] } as never)).toThrow(/unknown option 'noiseShape'/);
    expect(() => new SpatialDropout2D(0.5).apply(ones([2, 3]))).toThrow(ShapeError);
  });
});
