import { ones, ValueError } from '@strata/core';
import { Dropout } from '../../src';
import { runLayerTest, randomInput } from '../helpers/layer_test';

describe('Dropout', () => {
  test('exact identity at inference', () => {
    const x = randomInput([4, 5], 1);
    const y = new Dropout({ rate: 0.5 }).apply(x, { training: false });
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
  });

  test('training: kept fraction near 1 - rate, survivors scaled, mean preserved', () => {
    const y = new Dropout({ rate: 0.25, seed: 3 }).apply(ones([200, 100]), { training: true }).dataSync();
    const kept = y.filter((v) => v !== 0);
    expect(kept.length / y.length).toBeGreaterThan(0.73);
    expect(kept.length / y.length).toBeLessThan(0.77);
    expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    const meanValue = y.reduce((s, v) => s + v, 0) / y.length;
    expect(meanValue).toBeGreaterThan(0.97);
    expect(meanValue).toBeLessThan(1.03);
  });

  test('same seed, same masks; successive calls draw new masks', () => {
    const a = new Dropout({ rate: 0.5, seed: 42 });
    const b = new Dropout({ rate: 0.5, seed: 42 });
    const m1 = a.apply(ones([10, 10]), { training: true }).dataSync();
    expect(Array.from(b.apply(ones([10, 10]), { training: true }).dataSync())).toEqual(Array.from(m1));
    expect(Array.from(a.apply(ones([10, 10]), { training: true }).dataSync())).not.toEqual(Array.from(m1));
  });

  test('noiseShape with null entries drops whole channels', () => {
    const y = new Dropout({ rate: 0.5, seed: 1, noiseShape: [null, 1, 1, null] }).apply(ones([2, 3, 3, 4]), { training: true });
    const v = y.dataSync();
    for (let b = 0; b < 2; b++) for (let c = 0; c < 4; c++) {
      const vals = new Set<number>();
      for (let p = 0; p < 9; p++) vals.add(v[(b * 9 + p) * 4 + c]);
      expect(vals.size).toBe(1);
    }
  });

  test('contract and gradient in training mode', () => {
    runLayerTest(() => new Dropout({ rate: 0.3, seed: 5 }), { inputShape: [3, 4], expectedOutputShape: [null, 4], expectedTrainableWeights: 0, gradients: false });
    const layer = new Dropout({ rate: 0.3, seed: 5 });
    const x = randomInput([3, 4], 2);
    const y = layer.apply(x, { training: true });
    y.backward(ones([3, 4]));
    const yv = y.dataSync();
    const xv = x.dataSync();
    const g = x.grad!.dataSync();
    for (let i = 0; i < g.length; i++) expect(g[i]).toBeCloseTo(yv[i] === 0 ? 0 : yv[i] / xv[i], 5);
  });

  test('rate outside [0, 1)', () => {
    expect(() => new Dropout({ rate: 1.5, name: 'drop' })).toThrow(new ValueError("Dropout 'drop': rate must be in [0, 1), got 1.5"));
    expect(() => new Dropout({ rate: -0.1, name: 'drop' })).toThrow(ValueError);
  });
});
