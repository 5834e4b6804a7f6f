import { tensor, variable } from '@strata/core';
import { Adam, AdamW, deserializeOptimizer, exponentialDecay, getOptimizer, RMSprop, SGD, type Optimizer } from '@strata/models';
import { GRADS, W0, runSteps } from '../helpers/optimizer_harness';

describe('optimizer state save and restore', () => {
  const makers: [string, () => Optimizer][] = [
    ['SGD + nesterov', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
    ['Adam amsgrad', () => new Adam({ learningRate: 0.05, amsgrad: true })],
    ['AdamW + schedule', () => new AdamW({ learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }) })],
    ['RMSprop centered', () => new RMSprop({ learningRate: 0.01, centered: true, momentum: 0.5 })],
  ];

  test.each(makers)('%s: a restored optimizer continues exactly like the original', (_name, make) => {
    const original = make();
    const { variable: v } = runSteps(original, GRADS.slice(0, 2));
    const state = original.getState();
    expect(state.iterations).toBe(2);
    expect(Object.keys(state.slots)).toEqual(['w']);

    const restored = make();
    restored.setState(state);
    const v2 = variable(tensor(Array.from(v.values)), { name: 'w' });
    for (const g of GRADS.slice(2)) {
      original.applyGradients([{ variable: v, gradient: tensor(g) }]);
      restored.applyGradients([{ variable: v2, gradient: tensor(g) }]);
    }
    expect(Array.from(v2.values)).toEqual(Array.from(v.values));
    expect(restored.iterations).toBe(4);
  });

  test('getState returns copies; setState checks slot names and sizes', () => {
    const opt = new Adam();
    runSteps(opt, GRADS.slice(0, 1));
    const state = opt.getState();
    state.slots.w.m[0] = 123;
    expect(opt.getState().slots.w.m[0]).not.toBe(123);

    const other = new Adam();
    expect(() => other.setState({ iterations: 1, slots: { w: { m: new Float32Array(3) } } })).toThrow(/slots of 'w' lack v; expected m, v/);
    other.setState({ iterations: 1, slots: { w: { m: new Float32Array(2), v: new Float32Array(2) } } });
    const w = variable(tensor(W0), { name: 'w' });
    expect(() => other.applyGradients([{ variable: w, gradient: tensor([1, 1, 1]) }])).toThrow(/restored slot 'm' of 'w' has 2 values, the variable has 3/);
    expect(Array.from(w.values)).toEqual(W0);
  });
});

describe('optimizer registry', () => {
  test('names resolve with Keras defaults; unknown names list the known ones', () => {
    expect(getOptimizer('sgd')).toBeInstanceOf(SGD);
    expect(getOptimizer('Adam')).toBeInstanceOf(Adam);
    expect(getOptimizer('adamw')).toBeInstanceOf(AdamW);
    expect(getOptimizer('rmsprop')).toBeInstanceOf(RMSprop);
    expect(() => getOptimizer('adagrad')).toThrow("compile: unknown optimizer 'adagrad'. Valid: sgd, adam, adamw, rmsprop.");
  });

  test('getConfig / deserializeOptimizer round trip, schedule included', () => {
    const opt = new RMSprop({ learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.3 }), rho: 0.8, clipValue: 2 });
    const copy = deserializeOptimizer({ className: opt.className, config: JSON.parse(JSON.stringify(opt.getConfig())) });
    expect(copy).toBeInstanceOf(RMSprop);
    expect(copy.getConfig()).toEqual(opt.getConfig());
    const a = runSteps(opt).steps;
    const b = runSteps(copy).steps;
    expect(b).toEqual(a);
  });
});
