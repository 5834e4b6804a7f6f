import { randomNormal, ValueError } from '@strata/core';
import { BatchNormalization, Dense, Dropout } from '@strata/layers';
import { estimateBatchNormStatistics, Sequential } from '@strata/models';

describe('estimateBatchNormStatistics (precise BN)', () => {
  test('sets the moving statistics to the batch-size-weighted average batch statistics', () => {
    const x = randomNormal([10, 3], { seed: 1, mean: 2, stddev: 3 });
    const bn = new BatchNormalization({ inputShape: [3] });
    const model = new Sequential({ layers: [bn, new Dropout({ rate: 0.5 }), new Dense({ units: 2 })] });
    const weightsBefore = model.getWeights().filter((_, i) => i !== 2 && i !== 3).map((w) => Array.from(w.dataSync()));
    estimateBatchNormStatistics(model, x, { batchSize: 4 });
    // Batches of 4, 4 and 2 rows: per-channel mean and biased variance of each, weighted by size.
    const v = x.dataSync();
    const expectMean: number[] = [];
    const expectVar: number[] = [];
    for (let c = 0; c < 3; c++) {
      let m = 0;
      let s = 0;
      for (const [start, size] of [[0, 4], [4, 4], [8, 2]]) {
        const rows = Array.from({ length: size }, (_, r) => v[(start + r) * 3 + c]);
        const bm = rows.reduce((a, b) => a + b, 0) / size;
        m += bm * size;
        s += rows.reduce((a, b) => a + (b - bm) ** 2, 0);
      }
      expectMean.push(m / 10);
      expectVar.push(s / 10);
    }
    Array.from(bn.movingMean!.dataSync()).forEach((got, c) => expect(got).toBeCloseTo(expectMean[c], 4));
    Array.from(bn.movingVariance!.dataSync()).forEach((got, c) => expect(got).toBeCloseTo(expectVar[c], 4));
    // Trained weights are untouched.
    const after = model.getWeights().filter((_, i) => i !== 2 && i !== 3).map((w) => Array.from(w.dataSync()));
    expect(after).toEqual(weightsBefore);
  });

  test('a bad batch size is named', () => {
    const model = new Sequential({ layers: [new BatchNormalization({ inputShape: [2] })] });
    expect(() => estimateBatchNormStatistics(model, randomNormal([4, 2]), { batchSize: 0 })).toThrow(
      new ValueError('estimateBatchNormStatistics: batchSize must be a positive integer, got 0'),
    );
  });
});
