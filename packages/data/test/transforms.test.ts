import { ShapeError, tensor, ValueError } from '@strata/core';
import { meanStd, normalize, rescale, shuffleTogether, toOneHot, trainTestSplit } from '@strata/data';

/** Ten 2x2 "images" whose pixels all equal 10 * row + 1, labelled row % 3: pairing is checkable. */
function rows(n = 10) {
  const x = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) x.fill(10 * i + 1, i * 4, (i + 1) * 4);
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  return { x: tensor(x, [n, 2, 2, 1]), y: tensor(y, [n], { dtype: 'int32' }) };
}

/** The source row of each output row, read back from the pixel value. */
function sourceRows(x: { values: ArrayLike<number>; shape: readonly number[] }): number[] {
  return Array.from({ length: x.shape[0] }, (_, i) => (x.values[i * 4] - 1) / 10);
}

describe('shuffleTogether', () => {
  it('permutes x and y with one seeded permutation, keeping pairs together', () => {
    const { x, y } = rows();
    const a = shuffleTogether(x, y, 4);
    const order = sourceRows(a.x);
    expect([...order].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(a.y.values)).toEqual(order.map((r) => r % 3));
    expect(a.y.dtype).toBe('int32');
    expect(sourceRows(shuffleTogether(x, y, 4).x)).toEqual(order);
    expect(sourceRows(shuffleTogether(x, y, 5).x)).not.toEqual(order);
  });

  it('rejects x and y with different row counts', () => {
    expect(() => shuffleTogether(rows(10).x, rows(9).y)).toThrow(ShapeError);
  });
});

describe('trainTestSplit', () => {
  it('holds out ceil(n * testFraction) rows, disjoint from the training rows, pairs intact', () => {
    const { x, y } = rows();
    const s = trainTestSplit(x, y, { testFraction: 0.25, seed: 1 });
    expect(s.xTrain.shape).toEqual([7, 2, 2, 1]);
    expect(s.xTest.shape).toEqual([3, 2, 2, 1]);
    const train = sourceRows(s.xTrain), test = sourceRows(s.xTest);
    expect([...train, ...test].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(s.yTest.values)).toEqual(test.map((r) => r % 3));
    expect(sourceRows(trainTestSplit(x, y, { testFraction: 0.25, seed: 1 }).xTest)).toEqual(test);
  });

  it('takes the last rows as the test set without shuffling', () => {
    const { x, y } = rows();
    const s = trainTestSplit(x, y, { testFraction: 0.2, shuffle: false });
    expect(sourceRows(s.xTest)).toEqual([8, 9]);
    expect(sourceRows(s.xTrain)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects fractions that leave an empty side', () => {
    const { x, y } = rows(3);
    expect(() => trainTestSplit(x, y, { testFraction: 0 })).toThrow(/testFraction must be in \(0, 1\), got 0/);
    expect(() => trainTestSplit(x, y, { testFraction: 0.9 })).toThrow(/leaves no training rows/);
  });
});

describe('toOneHot', () => {
  it('turns class indices into one-hot rows (7 FER2013 classes by default)', () => {
    const y = toOneHot(tensor(Int32Array.from([6, 0]), [2], { dtype: 'int32' }));
    expect(y.shape).toEqual([2, 7]);
    expect(Array.from(y.values)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(toOneHot([1], 3).values)).toEqual([0, 1, 0]);
  });

  it('rejects out-of-range indices and non-vector tensors', () => {
    expect(() => toOneHot([3], 3)).toThrow(ValueError);
    expect(() => toOneHot(tensor([[1, 2]]))).toThrow(/rank-1 tensor/);
  });
});

describe('normalize, rescale and meanStd', () => {
  const x = tensor([0, 2, 4, 6], [4]);

  it('standardises with the data statistics by default', () => {
    const { mean, std } = meanStd(x);
    expect(mean).toBe(3);
    expect(std).toBeCloseTo(Math.sqrt(5), 10);
    const z = normalize(x);
    const back = meanStd(z);
    expect(back.mean).toBeCloseTo(0, 6);
    expect(back.std).toBeCloseTo(1, 6);
  });

  it('uses given statistics, and maps constant data to zeros instead of NaN', () => {
    expect(Array.from(normalize(x, { mean: 2, std: 2 }).values)).toEqual([-1, 0, 1, 2]);
    expect(Array.from(normalize(tensor([5, 5], [2])).values)).toEqual([0, 0]);
    expect(() => normalize(x, { std: 0 })).toThrow(/std must be positive, got 0/);
  });

  it('rescales 0..255 pixels to [0, 1] by default and accepts an offset', () => {
    const px = tensor(Int32Array.from([0, 51, 255]), [3], { dtype: 'int32' });
    const r = rescale(px);
    expect(r.dtype).toBe('float32');
    expect(r.values[1]).toBeCloseTo(0.2, 6);
    expect(Array.from(rescale(tensor([0, 1], [2]), 2, -1).values)).toEqual([-1, 1]);
  });
});
