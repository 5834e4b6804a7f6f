import { ValueError } from '@strata/core';
import { FER2013_CLASSES, generateExpressions } from '@strata/data';

const PLANE = 48 * 48;

function classCounts(labels: Int32Array): number[] {
  const counts = new Array<number>(7).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

describe('generateExpressions', () => {
  it('exports the FER2013 class names in label order', () => {
    expect(FER2013_CLASSES).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
  });

  it('returns [n, 48, 48, 1] float32 images in [0, 1] and int32 [n] labels matching `labels`', () => {
    const { x, y, labels } = generateExpressions({ samples: 30, seed: 1 });
    expect(x.shape).toEqual([30, 48, 48, 1]);
    expect(x.dtype).toBe('float32');
    expect(y.shape).toEqual([30]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.values)).toEqual(Array.from(labels));
    let min = Infinity, max = -Infinity;
    for (const v of x.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
    // Images use the range, not a sliver of it.
    expect(max - min).toBeGreaterThan(0.5);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = generateExpressions({ samples: 14, seed: 42 });
    const b = generateExpressions({ samples: 14, seed: 42 });
    const c = generateExpressions({ samples: 14, seed: 43 });
    expect(Buffer.from(a.x.values.buffer).equals(Buffer.from(b.x.values.buffer))).toBe(true);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    let diff = 0;
    for (let i = 0; i < a.x.size; i++) diff += Math.abs(a.x.values[i] - c.x.values[i]);
    expect(diff / a.x.size).toBeGreaterThan(0.01);
  });

  it('balances the classes (counts differ by at most one) in shuffled order', () => {
    const { labels } = generateExpressions({ samples: 703, seed: 5 });
    const counts = classCounts(labels);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(703);
    // Shuffled: not the round-robin order 0, 1, ..., 6, 0, 1, ...
    const roundRobin = labels.every((l, i) => l === i % 7);
    expect(roundRobin).toBe(false);
  });

  it('returns one-hot float32 [n, 7] rows when asked', () => {
    const { y, labels } = generateExpressions({ samples: 21, seed: 2, oneHot: true });
    expect(y.shape).toEqual([21, 7]);
    expect(y.dtype).toBe('float32');
    for (let i = 0; i < 21; i++) {
      const row = Array.from(y.values.subarray(i * 7, (i + 1) * 7));
      expect(row.reduce((s, v) => s + v, 0)).toBe(1);
      expect(row[labels[i]]).toBe(1);
    }
  });

  it('generates only the requested subset of classes, labelled with their FER2013 index', () => {
    const { labels } = generateExpressions({ samples: 40, seed: 3, classes: [3, 5] });
    const counts = classCounts(labels);
    expect(counts[3]).toBe(20);
    expect(counts[5]).toBe(20);
    expect(counts.filter((c) => c > 0)).toHaveLength(2);
  });

  it('rejects bad options with a ValueError naming the argument', () => {
    expect(() => generateExpressions({ samples: -1 })).toThrow(/samples must be a non-negative integer, got -1/);
    expect(() => generateExpressions({ samples: 5, classes: [7] })).toThrow(ValueError);
    expect(() => generateExpressions({ samples: 5, classes: [1, 1] })).toThrow(/duplicates/);
    expect(() => generateExpressions({ samples: 5, classes: [] })).toThrow(/must not be empty/);
    expect(() => generateExpressions({ samples: 5, difficulty: 2 })).toThrow(/difficulty must be in \[0, 1\], got 2/);
  });

  it('gives every class a distinct mean image', () => {
    const { x, labels } = generateExpressions({ samples: 1400, seed: 9 });
    const means = Array.from({ length: 7 }, () => new Float64Array(PLANE));
    const counts = classCounts(labels);
    for (let i = 0; i < labels.length; i++) {
      const m = means[labels[i]];
      for (let j = 0; j < PLANE; j++) m[j] += x.values[i * PLANE + j] / counts[labels[i]];
    }
    // Per-pixel noise of a mean of 200 images is about 0.3 / sqrt(200) = 0.02; real differences
    // between expressions (brows, eyes, mouth) show up as pixels several times further apart.
    for (let a = 0; a < 7; a++) {
      for (let b = a + 1; b < 7; b++) {
        let maxDiff = 0;
        for (let j = 0; j < PLANE; j++) maxDiff = Math.max(maxDiff, Math.abs(means[a][j] - means[b][j]));
        expect(maxDiff).toBeGreaterThan(0.06);
      }
    }
  });
});
