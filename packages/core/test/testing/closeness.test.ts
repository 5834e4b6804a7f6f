import { closenessMismatches } from '../../src/testing/closeness';

describe('closenessMismatches (numpy.allclose rule)', () => {
  test('within atol + rtol * |expected| passes, just outside fails', () => {
    expect(closenessMismatches([1 + 1e-4 + 1e-5 - 1e-9], [1])).toEqual([]);
    expect(closenessMismatches([1 + 1e-4 + 1e-5 + 1e-7], [1])).toHaveLength(1);
    expect(closenessMismatches([1e-5], [0])).toEqual([]);
    expect(closenessMismatches([2e-5], [0])).toEqual(['[0] got 0.00002, expected 0 (tolerance 1.00e-5)']);
    expect(closenessMismatches([101], [100], { rtol: 0.01, atol: 0 })).toEqual([]);
  });
  test('NaN matches only NaN, infinities only themselves', () => {
    expect(closenessMismatches([NaN, Infinity, -Infinity], [NaN, Infinity, -Infinity])).toEqual([]);
    expect(closenessMismatches([0, NaN, -Infinity], [NaN, 0, Infinity])).toHaveLength(3);
  });
  test('a length mismatch and the report limit', () => {
    expect(closenessMismatches([1, 2], [1])).toEqual(['length 2, expected 1']);
    expect(closenessMismatches(new Array(10).fill(1), new Array(10).fill(0), { limit: 3 })).toHaveLength(3);
  });
});
