import { cosineDecay, exponentialDecay, piecewiseConstantDecay, SGD, deserializeSchedule } from '@strata/models';
import { GRADS, expectClose, reference, runSteps } from '../helpers/optimizer_harness';

describe('learning rate schedules (Keras formulas)', () => {
  test('exponentialDecay: lr0 * rate^(step / decaySteps), floored exponent with staircase', () => {
    const smooth = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.5 });
    const stairs = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.5, staircase: true });
    for (const step of [0, 1, 3, 4, 7, 10]) {
      expect(smooth.call(step)).toBeCloseTo(0.1 * 0.5 ** (step / 4), 12);
      expect(stairs.call(step)).toBeCloseTo(0.1 * 0.5 ** Math.floor(step / 4), 12);
    }
  });

  test('cosineDecay: lr0 * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, N) / N)) + alpha)', () => {
    const s = cosineDecay({ initialLearningRate: 0.2, decaySteps: 10, alpha: 0.1 });
    const expected = (step: number) => 0.2 * (0.9 * 0.5 * (1 + Math.cos((Math.PI * Math.min(step, 10)) / 10)) + 0.1);
    for (const step of [0, 1, 5, 9, 10, 25]) expect(s.call(step)).toBeCloseTo(expected(step), 12);
    expect(s.call(0)).toBeCloseTo(0.2, 12);
    expect(s.call(25)).toBeCloseTo(0.02, 12);
  });

  test('piecewiseConstantDecay: values[i] while step <= boundaries[i]', () => {
    const s = piecewiseConstantDecay({ boundaries: [2, 5], values: [1, 0.5, 0.1] });
    expect([0, 2, 3, 5, 6, 100].map((t) => s.call(t))).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
    expect(() => piecewiseConstantDecay({ boundaries: [2], values: [1] })).toThrow(/one more entry than boundaries/);
  });

  test('an optimizer evaluates its schedule at the iteration count before each update', () => {
    const schedule = piecewiseConstantDecay({ boundaries: [0, 2], values: [0.3, 0.2, 0.1] });
    const opt = new SGD({ learningRate: schedule });
    const lrs = [0.3, 0.2, 0.2, 0.1]; // steps 0, 1, 2, 3
    const expected = reference((w, g, t) => w.forEach((_, i) => (w[i] -= lrs[t - 1] * g[i])));
    expectClose(runSteps(opt).steps, expected);
    expect(opt.learningRate).toBe(0.1);
    expect(GRADS.length).toBe(4);
  });

  test('a scheduled learning rate cannot be set; configs round-trip', () => {
    const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.9, staircase: true });
    const opt = new SGD({ learningRate: s });
    expect(() => {
      opt.learningRate = 0.5;
    }).toThrow(/follows a ExponentialDecay schedule and cannot be set/);
    const copy = deserializeSchedule({ className: s.className, config: s.getConfig() });
    expect([0, 3, 7].map((t) => copy.call(t))).toEqual([0, 3, 7].map((t) => s.call(t)));
  });
});
