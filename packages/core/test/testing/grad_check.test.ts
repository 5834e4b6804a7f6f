import { checkGradients, mul, Tensor, ValueError } from '../../src';
import { record } from '../../src/autograd/record';
import { rand } from '../helpers/random_tensors';

describe('checkGradients', () => {
  test('accepts a correct gradient', () => {
    const x = rand([4, 3], 1);
    expect(checkGradients(() => mul(x, x), [x]).checked).toBe(12);
  });

  test('catches a gradient that is slightly wrong (10 % off)', () => {
    const x = rand([4, 3], 2);
    const wrongSquare = (t: Tensor) => {
      const out = new Tensor(t.f32.map((v) => v * v), t.shape, 'float32');
      return record(out, 'wrongSquare', [t], (dy) => [mul(dy, mul(t, 2.2))]);
    };
    expect(() => checkGradients(() => wrongSquare(x), [x])).toThrow(ValueError);
  });

  test('catches a gradient with a mixed-up element', () => {
    const x = rand([5], 3);
    const shifted = (t: Tensor) => {
      const out = new Tensor(t.f32.map((v) => 3 * v), t.shape, 'float32');
      return record(out, 'shifted', [t], (dy) => {
        const g = dy.f32.map((v) => 3 * v);
        g.reverse();
        return [new Tensor(g, t.shape, 'float32')];
      });
    };
    expect(() => checkGradients(() => shifted(x), [x])).toThrow(/analytic .* vs numeric/);
  });
});
