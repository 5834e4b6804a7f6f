import { Adam, AdamW } from '@strata/models';
import { expectClose, reference, runSteps } from '../helpers/optimizer_harness';

/** Keras 3 Adam, written out: bias correction folded into alpha, epsilon outside the sqrt. */
function adamReference(lr: number, b1: number, b2: number, eps: number, opts: { amsgrad?: boolean; weightDecay?: number } = {}) {
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  const vHat = [0, 0, 0];
  return reference((w, g, t) => {
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    w.forEach((_, i) => {
      if (opts.weightDecay) w[i] -= w[i] * opts.weightDecay * lr;
      m[i] += (g[i] - m[i]) * (1 - b1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
      vHat[i] = Math.max(vHat[i], v[i]);
      w[i] -= (alpha * m[i]) / (Math.sqrt(opts.amsgrad ? vHat[i] : v[i]) + eps);
    });
  });
}

describe('Adam (Keras 3)', () => {
  test('defaults: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7', () => {
    const opt = new Adam();
    expect(opt.getConfig()).toMatchObject({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });
    expectClose(runSteps(opt).steps, adamReference(0.001, 0.9, 0.999, 1e-7));
  });

  test('custom hyper-parameters over 4 steps', () => {
    const opt = new Adam({ learningRate: 0.1, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 });
    expectClose(runSteps(opt).steps, adamReference(0.1, 0.5, 0.9, 1e-3));
  });

  test('amsgrad uses the running max of v (and differs from plain Adam here)', () => {
    const ams = runSteps(new Adam({ learningRate: 0.1, beta2: 0.5, amsgrad: true })).steps;
    expectClose(ams, adamReference(0.1, 0.9, 0.5, 1e-7, { amsgrad: true }));
    const plain = adamReference(0.1, 0.9, 0.5, 1e-7);
    expect(Math.abs(ams[3][2] - plain[3][2])).toBeGreaterThan(1e-4);
  });
});

describe('AdamW', () => {
  test('decoupled decay w -= w * wd * lr before the Adam step; default wd 0.004', () => {
    const opt = new AdamW({ learningRate: 0.05 });
    expect(opt.weightDecay).toBe(0.004);
    expectClose(runSteps(opt).steps, adamReference(0.05, 0.9, 0.999, 1e-7, { weightDecay: 0.004 }));
  });

  test('a large decay with a zero gradient only shrinks the weights', () => {
    const { steps } = runSteps(new AdamW({ learningRate: 0.1, weightDecay: 0.5 }), [[0, 0, 0], [0, 0, 0]]);
    expectClose(steps, [[0.95, -1.9, 0.475], [0.9025, -1.805, 0.45125]]);
  });
});
