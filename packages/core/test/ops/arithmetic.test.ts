import { tensor, add, sub, mul, div, pow, maximum, minimum, ShapeError } from '../../src';
import { rand, expectGradientsMatch } from '../helpers/random_tensors';

describe('elementwise arithmetic', () => {
  test('NumPy broadcasting', () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(add(a, tensor([10, 20, 30])).toArray()).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(add(a, tensor([[100], [200]])).toArray()).toEqual([[101, 102, 103], [204, 205, 206]]);
    expect(mul(tensor([[1], [2]]), tensor([1, 2, 3])).toArray()).toEqual([[1, 2, 3], [2, 4, 6]]);
    expect(sub(10, a).toArray()).toEqual([[9, 8, 7], [6, 5, 4]]);
    expect(div(a, 2).toArray()).toEqual([[0.5, 1, 1.5], [2, 2.5, 3]]);
    const c = add(rand([2, 1, 3], 1), rand([4, 1], 2));
    expect(c.shape).toEqual([2, 4, 3]);
  });

  test('general broadcast values match a direct computation', () => {
    const a = rand([3, 1, 5], 3);
    const b = rand([4, 1], 4);
    const c = mul(a, b).dataSync();
    const av = a.dataSync();
    const bv = b.dataSync();
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) for (let k = 0; k < 5; k++) {
      expect(c[(i * 4 + j) * 5 + k]).toBeCloseTo(av[i * 5 + k] * bv[j], 6);
    }
  });

  test('incompatible shapes name the op, both shapes and the axis', () => {
    expect(() => add(tensor([1, 2, 3]), tensor([1, 2]))).toThrow(
      new ShapeError('add: shapes [3] and [2] cannot be broadcast together (axis 0: 3 vs 2)'),
    );
  });

  test('maximum and minimum', () => {
    expect(maximum(tensor([1, 5, 3]), tensor([4, 2, 3])).toArray()).toEqual([4, 5, 3]);
    expect(minimum(tensor([1, 5, 3]), 2).toArray()).toEqual([1, 2, 2]);
  });

  describe('gradients (finite differences, with broadcasting)', () => {
    const a = rand([3, 5], 'a');
    const b = rand([5], 'b');
    const c = rand([3, 1], 'c', 0.5, 2);
    test('add', () => expectGradientsMatch(() => add(a, b), [a, b]));
    test('sub', () => expectGradientsMatch(() => sub(a, c), [a, c]));
    test('mul', () => expectGradientsMatch(() => mul(a, b), [a, b]));
    test('div', () => expectGradientsMatch(() => div(a, c), [a, c]));
    test('pow', () => {
      const base = rand([3, 5], 'base', 0.5, 2);
      const e = rand([5], 'e', -1.5, 2.5);
      expectGradientsMatch(() => pow(base, e), [base, e]);
    });
    test('maximum / minimum', () => {
      const x = rand([3, 5], 'x');
      const y = rand([3, 5], 'y');
      expectGradientsMatch(() => maximum(x, y), [x, y]);
      expectGradientsMatch(() => minimum(x, y), [x, y]);
    });
  });
});
