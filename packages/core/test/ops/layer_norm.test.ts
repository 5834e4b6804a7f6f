import { layerNorm, ShapeError, tensor } from '../../src';
import { expectGradientsMatch, rand } from '../helpers/random_tensors';

describe('layerNorm', () => {
  test('normalises each row over the last axis (biased variance, epsilon inside the root)', () => {
    const y = layerNorm(tensor([[1, 2, 3, 4], [2, 2, 2, 2]]), null, null, 0).toArray() as number[][];
    const s = 1 / Math.sqrt(1.25);
    expect(y[0].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([-1.5 * s, -0.5 * s, 0.5 * s, 1.5 * s].map((v) => Math.round(v * 1e6) / 1e6));
    expect(layerNorm(tensor([[2, 2, 2, 2]]), null, null, 1e-3).toArray()).toEqual([[0, 0, 0, 0]]);
  });

  test('gradients of x, gamma and beta against finite differences', () => {
    const x = rand([3, 2, 5], 'ln x');
    const gamma = rand([5], 'ln g'), beta = rand([5], 'ln b');
    expectGradientsMatch(() => layerNorm(x, gamma, beta, 1e-3), [x, gamma, beta]);
    const x2 = rand([4, 3], 'ln x2');
    expectGradientsMatch(() => layerNorm(x2, null, null, 1e-3), [x2]);
  });

  test('parameter shapes are checked', () => {
    expect(() => layerNorm(tensor([[1, 2]]), tensor([1, 2, 3]), null, 1e-3)).toThrow(new ShapeError('layerNorm: gamma must have shape [2], got [3]'));
  });
});
