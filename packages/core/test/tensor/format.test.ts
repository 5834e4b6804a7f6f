import { tensor, zeros } from '../../src';

describe('toString', () => {
  test('prints shape, dtype and nested values', () => {
    expect(tensor([[1, 2], [3, 4.5]]).toString()).toBe('Tensor(shape=[2, 2], dtype=float32)\n  [[1.0, 2.0],\n   [3.0, 4.5]]');
    expect(tensor([1, 2], undefined, { dtype: 'int32' }).toString()).toBe('Tensor(shape=[2], dtype=int32)\n  [1, 2]');
  });

  test('elides long axes', () => {
    const s = zeros([100]).toString();
    expect(s).toBe('Tensor(shape=[100], dtype=float32)\n  [0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]');
  });
});
