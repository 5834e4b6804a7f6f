import {
  tensor, scalar, zeros, ones, fill, randomUniform, randomNormal, truncatedNormal, setSeed,
  ShapeError, ValueError, DTypeError, variable,
} from '../../src';

describe('tensor creation', () => {
  test('nested arrays infer the shape, row-major', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.rank).toBe(2);
    expect(t.size).toBe(6);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  test('flat data with a shape, int32 dtype', () => {
    const t = tensor([1, 2, 3, 4], [2, 2], { dtype: 'int32' });
    expect(t.dataSync()).toBeInstanceOf(Int32Array);
    expect(t.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(tensor(Int32Array.of(3, 4)).dtype).toBe('int32');
  });

  test('scalars, fills and the shape is immutable', () => {
    expect(scalar(3).shape).toEqual([]);
    expect(scalar(3).item()).toBe(3);
    expect(Array.from(zeros([2, 2]).dataSync())).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones([3]).dataSync())).toEqual([1, 1, 1]);
    expect(Array.from(fill([2], 7).dataSync())).toEqual([7, 7]);
    const t = zeros([2]);
    expect(() => (t.shape as number[]).push(1)).toThrow();
  });

  test('dataSync returns a copy', () => {
    const t = tensor([1, 2]);
    t.dataSync()[0] = 99;
    expect(t.dataSync()[0]).toBe(1);
  });

  test('errors name the op and what was expected', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(new ShapeError('tensor: data has 3 values but shape [2, 2] needs 4'));
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => zeros([2, -1])).toThrow(ValueError);
    expect(() => zeros([2.5])).toThrow(/not a non-negative integer \(2.5\)/);
  });

  test('NaN is rejected only when checks are asked for', () => {
    expect(tensor([1, NaN]).size).toBe(2);
    expect(() => tensor([1, NaN], undefined, { checkFinite: true })).toThrow('tensor: data contains NaN at flat index 1; expected finite values');
  });

  test('seeded random draws are reproducible and in range', () => {
    const a = randomUniform([1000], { seed: 7, minval: -2, maxval: 3 }).dataSync();
    const b = randomUniform([1000], { seed: 7, minval: -2, maxval: 3 }).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...a)).toBeLessThan(3);
    const n = randomNormal([20000], { seed: 1, mean: 1, stddev: 2 }).dataSync();
    const m = n.reduce((s, v) => s + v, 0) / n.length;
    const sd = Math.sqrt(n.reduce((s, v) => s + (v - m) ** 2, 0) / n.length);
    expect(m).toBeCloseTo(1, 1);
    expect(sd).toBeCloseTo(2, 1);
    const tn = truncatedNormal([5000], { seed: 2, stddev: 0.5 }).dataSync();
    expect(Math.max(...tn.map(Math.abs))).toBeLessThanOrEqual(1.0000001);
  });

  test('the global seed makes unseeded draws reproducible', () => {
    setSeed(42);
    const a = randomUniform([10]).dataSync();
    setSeed(42);
    const b = randomUniform([10]).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  test('variables copy their initial value and assign in place with a shape check', () => {
    const init = tensor([1, 2]);
    const v = variable(init, { name: 'w' });
    expect(v.requiresGrad).toBe(true);
    v.assign(tensor([3, 4]));
    expect(Array.from(v.dataSync())).toEqual([3, 4]);
    expect(Array.from(init.dataSync())).toEqual([1, 2]);
    expect(() => v.assign(tensor([1, 2, 3]))).toThrow("assign: variable 'w' has shape [2], got a value of shape [3]");
    expect(() => variable(tensor([1], undefined, { dtype: 'int32' }), { name: 'idx' })).toThrow(new DTypeError("variable: 'idx' must be float32, got int32"));
  });

  test('a variable counts its in-place writes; a refused assign is not one', () => {
    const v = variable(tensor([1, 2]));
    expect(v.version).toBe(0);
    v.assign(tensor([3, 4]));
    v.assign(new Float32Array([5, 6]));
    expect(v.version).toBe(2);
    expect(() => v.assign(tensor([1]))).toThrow();
    expect(v.version).toBe(2);
    v.values[0] = 7;
    v.markChanged();
    expect(v.version).toBe(3);
  });
});
