import { tensor, sum, mean, max, min, argmax, ValueError } from '../../src';
import { rand, distinct, expectGradientsMatch, expectClose } from '../helpers/random_tensors';

describe('reductions', () => {
  const t = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]); // [2, 2, 2]
  test('over all axes, one axis, several axes, keepDims', () => {
    expect(sum(t).item()).toBe(36);
    expect(sum(t, 0).toArray()).toEqual([[6, 8], [10, 12]]);
    expect(sum(t, -1).toArray()).toEqual([[3, 7], [11, 15]]);
    expect(sum(t, [0, 2]).toArray()).toEqual([14, 22]);
    expect(sum(t, [0, 2], true).shape).toEqual([1, 2, 1]);
    expect(mean(t, 1).toArray()).toEqual([[2, 3], [6, 7]]);
    expect(max(t, [1, 2]).toArray()).toEqual([4, 8]);
    expect(min(t, 0, true).toArray()).toEqual([[[1, 2], [3, 4]]]);
  });

  test('argmax (first on ties, int32)', () => {
    const a = argmax(tensor([[1, 9, 9], [7, 2, 3]]));
    expect(a.dtype).toBe('int32');
    expect(a.toArray()).toEqual([1, 0]);
    expect(argmax(tensor([[1, 9], [7, 2]]), 0).toArray()).toEqual([1, 0]);
  });

  test('a bad axis is named', () => {
    expect(() => sum(t, 3)).toThrow(new ValueError('sum: axis 3 is out of range for a tensor of rank 3'));
  });

  test('max gradient is shared among ties, as TensorFlow', () => {
    const x = tensor([1, 3, 3], undefined, { requiresGrad: true });
    max(x).backward();
    expectClose(x.grad!.dataSync(), [0, 0.5, 0.5]);
  });

  describe('gradients', () => {
    const x = rand([3, 4, 5], 'x');
    test('sum and mean over various axes', () => {
      expectGradientsMatch(() => sum(x), [x]);
      expectGradientsMatch(() => sum(x, [0, 2]), [x]);
      expectGradientsMatch(() => mean(x, 1, true), [x]);
      expectGradientsMatch(() => mean(x, [0, 1]), [x]);
    });
    test('max and min', () => {
      const d = distinct([3, 4, 5], 'd');
      expectGradientsMatch(() => max(d, 1), [d]);
      expectGradientsMatch(() => min(d, [0, 2], true), [d]);
    });
  });
});
