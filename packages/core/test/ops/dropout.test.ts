import { ones, dropout, mean, ValueError } from '../../src';
import { rand, expectGradientsMatch } from '../helpers/random_tensors';

describe('dropout', () => {
  test('inverted scaling keeps the mean; the kept fraction is near 1 - rate', () => {
    const y = dropout(ones([100, 100]), 0.3, { seed: 5 }).dataSync();
    const kept = y.filter((v) => v !== 0);
    expect(kept.length / y.length).toBeGreaterThan(0.68);
    expect(kept.length / y.length).toBeLessThan(0.72);
    expect(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    expect(mean(dropout(ones([100, 100]), 0.3, { seed: 6 })).item()).toBeCloseTo(1, 1);
  });

  test('same seed, same mask; noiseShape broadcasts', () => {
    const a = dropout(ones([4, 8]), 0.5, { seed: 9 }).dataSync();
    const b = dropout(ones([4, 8]), 0.5, { seed: 9 }).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    const c = dropout(ones([4, 8]), 0.5, { seed: 3, noiseShape: [4, 1] }).toArray() as number[][];
    for (const row of c) expect(new Set(row).size).toBe(1);
  });

  test('rate out of range', () => {
    expect(() => dropout(ones([2]), 1)).toThrow(new ValueError('dropout: rate must be in [0, 1), got 1'));
  });

  test('gradient is the mask', () => {
    const x = rand([5, 6], 1);
    expectGradientsMatch(() => dropout(x, 0.4, { seed: 11 }), [x]);
  });
});
