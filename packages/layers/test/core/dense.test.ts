import { tensor, ValueError, ShapeError, sum, type Tensor } from '@strata/core';
import { Dense, Activation, l2, initializers } from '../../src';
import { runLayerTest, randomInput, expectAllClose } from '../helpers/layer_test';

describe('Dense', () => {
  test('layer contract: shapes, weights, config round trip, gradients', () => {
    runLayerTest(() => new Dense({ units: 3, activation: 'tanh' }), {
      inputShape: [4, 5], expectedOutputShape: [null, 3], expectedTrainableWeights: 2,
    });
    runLayerTest(() => new Dense({ units: 2, activation: 'relu', useBias: false }), {
      inputShape: [3, 4], expectedOutputShape: [null, 2], expectedTrainableWeights: 1,
    });
  });

  test('forward against hand-computed values; Keras kernel layout [in, out]', () => {
    const d = new Dense({ units: 2, activation: 'relu' });
    d.ensureBuilt([null, 3]);
    expect(d.kernel!.shape).toEqual([3, 2]);
    d.setWeights([tensor([[1, -1], [2, 0], [0, 3]]), tensor([0.5, -10])]);
    const y = d.apply(tensor([[1, 1, 1], [2, 0, -1]]));
    // row0: [1+2+0+0.5, -1+0+3-10] -> relu -> [3.5, 0]; row1: [2+0+0+0.5, -2+0-3-10] -> [2.5, 0]
    expect(y.toArray()).toEqual([[3.5, 0], [2.5, 0]]);
  });

  test('applies to the last axis of rank-3 input, as Keras', () => {
    const d = new Dense({ units: 4 });
    const x = randomInput([2, 3, 5], 1);
    const y = d.apply(x);
    expect(y.shape).toEqual([2, 3, 4]);
    expect(d.computeOutputShape([null, 3, 5])).toEqual([null, 3, 4]);
    runLayerTest(() => new Dense({ units: 2 }), { inputShape: [2, 3, 4], expectedOutputShape: [null, 3, 2], expectedTrainableWeights: 2 });
  });

  test('glorot-uniform kernel within its limit, zero bias, seeded', () => {
    const d = new Dense({ units: 50, kernelInitializer: new initializers.GlorotUniform(3) });
    d.ensureBuilt([null, 30]);
    const limit = Math.sqrt(6 / 80);
    const k = d.kernel!.dataSync();
    expect(Math.max(...k.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...k.map(Math.abs))).toBeGreaterThan(limit * 0.9);
    expect(Array.from(d.bias!.dataSync()).every((v) => v === 0)).toBe(true);
    const again = new Dense({ units: 50, kernelInitializer: new initializers.GlorotUniform(3) });
    again.ensureBuilt([null, 30]);
    expect(Array.from(again.kernel!.dataSync())).toEqual(Array.from(k));
  });

  test('kernel regularizer penalty is l2 * sum(w^2) and has a gradient', () => {
    const d = new Dense({ units: 2, kernelRegularizer: l2({ l2: 0.1 }) });
    d.ensureBuilt([null, 2]);
    d.setWeights([tensor([[1, 2], [3, 4]]), tensor([0, 0])]);
    const [penalty] = d.regularizationLosses();
    expect(penalty.item()).toBeCloseTo(3, 5);
    sum(penalty).backward();
    expectAllClose(d.kernel!.grad!.dataSync(), [0.2, 0.4, 0.6, 0.8]);
  });

  test('errors name the layer and argument; nothing is built on a bad call', () => {
    expect(() => new Dense({ units: -3, name: 'd' })).toThrow(new ValueError("Dense 'd': units must be a positive integer, got -3"));
    expect(() => new Dense({ units: 2, activation: 'swizzle' as never, name: 'd2' })).toThrow(/unknown activation 'swizzle'/);
    const d = new Dense({ units: 2, name: 'd3' });
    d.apply(randomInput([1, 4], 1));
    expect(() => d.apply(randomInput([1, 5], 2))).toThrow(new ShapeError("Dense 'd3': expected axis -1 of the input to have size 4, got shape [null, 5]"));
    const e = new Dense({ units: 2, name: 'd4' });
    expect(() => e.apply(tensor([1, 2]) as Tensor)).toThrow(/rank >= 2/);
    expect(e.built).toBe(false);
    expect(e.weights.length).toBe(0);
  });

  test('setWeights checks every shape and names the wrong one', () => {
    const d = new Dense({ units: 2, name: 'dw' });
    d.ensureBuilt([null, 3]);
    const before = d.getWeights();
    expect(() => d.setWeights([tensor([[1, 2], [3, 4], [5, 6]]), tensor([1, 2, 3])])).toThrow(
      new ShapeError("Dense 'dw': weight 1 ('dw/bias') has shape [2], got [3]"),
    );
    expect(Array.from(d.getWeights()[0].dataSync())).toEqual(Array.from(before[0].dataSync()));
  });

  test('unique Keras-style names', () => {
    const a = new Dense({ units: 1 });
    const b = new Dense({ units: 1 });
    expect(a.name).toMatch(/^dense(_\d+)?$/);
    expect(b.name).not.toBe(a.name);
  });
});

describe('Activation', () => {
  test('softmax rows sum to one; contract', () => {
    const y = new Activation({ activation: 'softmax' }).apply(randomInput([3, 4], 2));
    expectAllClose(sum(y, 1).dataSync(), [1, 1, 1]);
    runLayerTest(() => new Activation({ activation: 'elu' }), { inputShape: [2, 3], expectedOutputShape: [null, 3], expectedTrainableWeights: 0 });
  });
});
