import { tensor, variable } from '@strata/core';
import { SGD } from '@strata/models';
import { expectClose, reference, runSteps } from '../helpers/optimizer_harness';

function norm(g: number[]): number {
  return Math.sqrt(g.reduce((s, x) => s + x * x, 0));
}

describe('gradient clipping (applied before the update, as Keras)', () => {
  test('clipNorm scales each gradient to at most the norm: g * c / max(|g|, c)', () => {
    const c = 1.5;
    const expected = reference((w, g) => {
      const k = c / Math.max(norm(g), c);
      w.forEach((_, i) => (w[i] -= 0.1 * g[i] * k));
    });
    expectClose(runSteps(new SGD({ learningRate: 0.1, clipNorm: c })).steps, expected);
  });

  test('clipNorm is per variable; globalClipNorm uses the norm of all gradients together', () => {
    const g1 = [3, 4];
    const g2 = [0.3, 0.4];
    const apply = (opt: SGD) => {
      const a = variable(tensor([0, 0]), { name: 'a' });
      const b = variable(tensor([0, 0]), { name: 'b' });
      opt.applyGradients([{ variable: a, gradient: tensor(g1) }, { variable: b, gradient: tensor(g2) }]);
      return [Array.from(a.values), Array.from(b.values)];
    };
    // Per variable: |g1| = 5 is clipped to 1, |g2| = 0.5 is left alone.
    expectClose(apply(new SGD({ learningRate: 1, clipNorm: 1 })), [[-0.6, -0.8], [-0.3, -0.4]]);
    // Global: |[g1, g2]| = sqrt(25.25); both scaled by 1 / that.
    const k = 1 / Math.sqrt(25.25);
    expectClose(apply(new SGD({ learningRate: 1, globalClipNorm: 1 })), [[-3 * k, -4 * k], [-0.3 * k, -0.4 * k]]);
  });

  test('clipValue clamps each element into [-v, v]', () => {
    const v = 0.6;
    const expected = reference((w, g) => w.forEach((_, i) => (w[i] -= 0.1 * Math.min(v, Math.max(-v, g[i])))));
    expectClose(runSteps(new SGD({ learningRate: 0.1, clipValue: v })).steps, expected);
  });

  test('only one clipping option at a time, and positive values', () => {
    expect(() => new SGD({ clipNorm: 1, clipValue: 1 })).toThrow(/only one of clipNorm, globalClipNorm and clipValue/);
    expect(() => new SGD({ clipNorm: 0 })).toThrow(/clipNorm must be a finite number > 0, got 0/);
  });
});
