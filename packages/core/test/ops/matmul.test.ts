import { tensor, matMul, ShapeError, relu, add } from '../../src';
import { rand, expectGradientsMatch, expectClose } from '../helpers/random_tensors';

describe('matMul', () => {
  test('values', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5, 6], [7, 8]]);
    expect(matMul(a, b).toArray()).toEqual([[19, 22], [43, 50]]);
    expect(matMul(a, b, { transposeA: true }).toArray()).toEqual([[26, 30], [38, 44]]);
    expect(matMul(a, b, { transposeB: true }).toArray()).toEqual([[17, 23], [39, 53]]);
  });

  test('fused bias and relu equal the unfused ops', () => {
    const a = rand([5, 7], 1);
    const b = rand([7, 3], 2);
    const bias = rand([3], 3);
    expectClose(matMul(a, b, { bias, activation: 'relu' }).dataSync(), relu(add(matMul(a, b), bias)).dataSync());
  });

  test('batched and shared right-hand side', () => {
    const a = rand([2, 3, 4], 1);
    const b = rand([4, 5], 2);
    const c = matMul(a, b);
    expect(c.shape).toEqual([2, 3, 5]);
    const b3 = rand([2, 4, 5], 3);
    expect(matMul(a, b3).shape).toEqual([2, 3, 5]);
  });

  test('inner-dimension mismatch is named', () => {
    expect(() => matMul(tensor([[1, 2, 3]]), tensor([[1, 2]]))).toThrow(
      new ShapeError('matMul: inner dimensions differ: a [1, 3] has 3 columns, b [1, 2] has 1 rows'),
    );
  });

  describe('gradients for all transpose flags', () => {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        test(`transposeA=${ta} transposeB=${tb}`, () => {
          const a = rand(ta ? [5, 3] : [3, 5], `a${ta}`);
          const b = rand(tb ? [4, 5] : [5, 4], `b${tb}`);
          expectGradientsMatch(() => matMul(a, b, { transposeA: ta, transposeB: tb }), [a, b]);
        });
      }
    }
    test('fused bias + relu, batched', () => {
      const a = rand([3, 6], 'fa');
      const b = rand([6, 5], 'fb');
      const bias = rand([5], 'fbias');
      expectGradientsMatch(() => matMul(a, b, { bias, activation: 'relu' }), [a, b, bias]);
      const a3 = rand([2, 3, 4], 'a3');
      const b3 = rand([2, 4, 5], 'b3');
      expectGradientsMatch(() => matMul(a3, b3), [a3, b3]);
      const b2 = rand([4, 2], 'b2');
      expectGradientsMatch(() => matMul(a3, b2), [a3, b2]);
    });
  });
});
