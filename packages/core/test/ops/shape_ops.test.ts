import { tensor, reshape, transpose, concat, slice, gather, expandDims, squeeze, oneHot, cast, ShapeError, ValueError } from '../../src';
import { rand, expectGradientsMatch } from '../helpers/random_tensors';

describe('shape ops', () => {
  test('reshape infers -1 and checks sizes', () => {
    const t = tensor([1, 2, 3, 4, 5, 6]);
    expect(reshape(t, [2, -1]).shape).toEqual([2, 3]);
    expect(() => reshape(t, [4, -1])).toThrow(new ShapeError('reshape: cannot reshape [6] (6 values) into [4, -1]'));
    expect(() => reshape(t, [4, 2])).toThrow(ShapeError);
    expect(expandDims(t, 0).shape).toEqual([1, 6]);
    expect(squeeze(reshape(t, [1, 6, 1])).shape).toEqual([6]);
  });

  test('transpose', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(transpose(t).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    const x = rand([2, 3, 4], 1);
    const y = transpose(x, [2, 0, 1]);
    expect(y.shape).toEqual([4, 2, 3]);
    expect(y.dataSync()[1 * 6 + 1 * 3 + 2]).toBe(x.dataSync()[1 * 12 + 2 * 4 + 1]);
    expect(() => transpose(x, [0, 0, 1])).toThrow(ValueError);
  });

  test('concat and slice', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5], [6]]);
    expect(concat([a, b], 1).toArray()).toEqual([[1, 2, 5], [3, 4, 6]]);
    expect(concat([a, a], 0).shape).toEqual([4, 2]);
    expect(() => concat([a, tensor([[1, 2, 3]])], 0)).toThrow(/differ outside axis 0/);
    const s = slice(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), [1, 1], [2, -1]);
    expect(s.toArray()).toEqual([[5, 6], [8, 9]]);
    expect(() => slice(a, [1, 1], [2, 1])).toThrow(/out of bounds/);
  });

  test('gather rows, keeping dtype', () => {
    const t = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(gather(t, [2, 0, 2]).toArray()).toEqual([[5, 6], [1, 2], [5, 6]]);
    expect(gather(tensor([7, 8, 9], undefined, { dtype: 'int32' }), [1]).dtype).toBe('int32');
    expect(() => gather(t, [3])).toThrow('gather: index 3 at position 0 is out of range for 3 rows');
  });

  test('oneHot and cast', () => {
    expect(oneHot(tensor([0, 2], undefined, { dtype: 'int32' }), 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1]]);
    expect(() => oneHot([3], 3)).toThrow('oneHot: index 3 at position 0 is not an integer in [0, 3)');
    expect(cast(tensor([1.7, -1.7]), 'int32').toArray()).toEqual([1, -1]);
  });

  describe('gradients', () => {
    const x = rand([3, 4, 5], 'x');
    test('reshape transpose', () => {
      expectGradientsMatch(() => reshape(x, [12, 5]), [x]);
      expectGradientsMatch(() => transpose(x, [1, 2, 0]), [x]);
    });
    test('slice concat gather', () => {
      const y = rand([3, 2, 5], 'y');
      expectGradientsMatch(() => slice(x, [1, 0, 2], [2, 3, -1]), [x]);
      expectGradientsMatch(() => concat([x, y], 1), [x, y]);
      expectGradientsMatch(() => gather(x, [2, 0, 2, 1]), [x]);
    });
  });
});
