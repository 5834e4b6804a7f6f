import { RMSprop } from '@strata/models';
import { expectClose, reference, runSteps } from '../helpers/optimizer_harness';

/** Keras 3 RMSprop, written out: epsilon inside the square root. */
function rmspropReference(lr: number, rho: number, momentum: number, eps: number, centered: boolean) {
  const vel = [0, 0, 0];
  const mom = [0, 0, 0];
  const avg = [0, 0, 0];
  return reference((w, g) => w.forEach((_, i) => {
    vel[i] = rho * vel[i] + (1 - rho) * g[i] ** 2;
    let denom = vel[i] + eps;
    if (centered) {
      avg[i] = rho * avg[i] + (1 - rho) * g[i];
      denom = vel[i] - avg[i] ** 2 + eps;
    }
    const inc = (lr * g[i]) / Math.sqrt(denom);
    if (momentum > 0) {
      mom[i] = momentum * mom[i] + inc;
      w[i] -= mom[i];
    } else {
      w[i] -= inc;
    }
  }));
}

describe('RMSprop (Keras 3)', () => {
  test('defaults: lr 0.001, rho 0.9, no momentum, epsilon 1e-7', () => {
    const opt = new RMSprop();
    expect(opt.getConfig()).toMatchObject({ learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
    expectClose(runSteps(opt).steps, rmspropReference(0.001, 0.9, 0, 1e-7, false));
  });

  test('with momentum', () => {
    expectClose(runSteps(new RMSprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5 })).steps, rmspropReference(0.01, 0.8, 0.5, 1e-7, false));
  });

  test('centered, with momentum', () => {
    const opt = new RMSprop({ learningRate: 0.01, centered: true, momentum: 0.3, epsilon: 1e-4 });
    expectClose(runSteps(opt).steps, rmspropReference(0.01, 0.9, 0.3, 1e-4, true));
  });
});
