import { SGD } from '@strata/models';
import { expectClose, reference, runSteps } from '../helpers/optimizer_harness';

describe('SGD (Keras 3 update rules)', () => {
  test('plain: w -= lr * g, default lr 0.01', () => {
    const opt = new SGD();
    expect(opt.learningRate).toBe(0.01);
    const expected = reference((w, g) => w.forEach((_, i) => (w[i] -= 0.01 * g[i])));
    expectClose(runSteps(opt).steps, expected);
    expect(opt.iterations).toBe(4);
  });

  test('momentum: m = mu*m - lr*g; w += m', () => {
    const lr = 0.1;
    const mu = 0.9;
    const m = [0, 0, 0];
    const expected = reference((w, g) => w.forEach((_, i) => {
      m[i] = mu * m[i] - lr * g[i];
      w[i] += m[i];
    }));
    expectClose(runSteps(new SGD({ learningRate: lr, momentum: mu })).steps, expected);
  });

  test('nesterov: w += mu*m_new - lr*g', () => {
    const lr = 0.05;
    const mu = 0.8;
    const m = [0, 0, 0];
    const expected = reference((w, g) => w.forEach((_, i) => {
      m[i] = mu * m[i] - lr * g[i];
      w[i] += mu * m[i] - lr * g[i];
    }));
    expectClose(runSteps(new SGD({ learningRate: lr, momentum: mu, nesterov: true })).steps, expected);
  });

  test('rejects momentum outside [0, 1]', () => {
    expect(() => new SGD({ momentum: 1.5 })).toThrow(/momentum must be in \[0, 1\], got 1.5/);
  });
});
