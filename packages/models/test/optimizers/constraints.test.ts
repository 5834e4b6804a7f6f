// Constraints are applied after each optimizer step, as Keras 3 does (base_optimizer.apply),
// on every optimizer; resume from a checkpoint stays bit-exact; files carry them both ways.
import * as tf from '@tensorflow/tfjs';
import { setSeed, ValueError } from '@strata/core';
import { Conv2D, Dense, Flatten, maxNorm, nonNeg, PReLU, unitNorm } from '@strata/layers';
import { Adam, loadModel, Sequential, SGD, type Optimizer } from '@strata/models';
import { blobs } from '../helpers/models';
import { cleanup, expectSameWeights, randomValues, readModelJson, tempDir, weightValues } from '../io/helpers';
import { loadInTfjs, saveWithTfjs, tfjsReady } from '../io/tfjs_files';

beforeAll(tfjsReady);
afterAll(cleanup);

function pair(make: () => Optimizer, constrained: boolean): Sequential {
  const model = new Sequential({
    layers: [
      // The same names in both models, so optimizer slots (keyed by weight name) carry across.
      new Dense({ units: 5, inputShape: [4], activation: 'tanh', name: 'first', ...(constrained ? { kernelConstraint: maxNorm({ maxValue: 0.6 }), biasConstraint: nonNeg() } : {}) }),
      new Dense({ units: 3, name: 'second', ...(constrained ? { kernelConstraint: unitNorm({ axis: 1 }) } : {}) }),
    ],
  });
  model.setWeights([randomValues([4, 5], 1), randomValues([5], 2), randomValues([5, 3], 3), randomValues([3], 4)]);
  model.compile({ optimizer: make(), loss: 'meanSquaredError' });
  return model;
}

describe('each step ends with the projection of the updated weights', () => {
  test.each([
    ['SGD', () => new SGD(0.5)],
    ['Adam', () => new Adam(0.05)],
  ])('%s: constrained weights = TensorFlow.js\'s constraint applied to the unconstrained update', async (_name, make) => {
    const x = randomValues([6, 4], 5);
    const y = randomValues([6, 3], 6);
    const free = pair(make, false);
    const bound = pair(make, true);
    for (let step = 0; step < 3; step++) {
      bound.trainOnBatch(x, y);
      // The same step from the same (constrained) weights, unconstrained, then TensorFlow.js's projection.
      free.trainOnBatch(x, y);
      const [k1, b1, k2, b2] = free.getWeights();
      const project = (c: { apply: (t: tf.Tensor) => tf.Tensor }, w: typeof k1) => Array.from(c.apply(tf.tensor(Array.from(w.f32), w.shape)).dataSync());
      const want = [project(tf.constraints.maxNorm({ maxValue: 0.6, axis: 0 }), k1), project(tf.constraints.nonNeg(), b1), project(tf.constraints.unitNorm({ axis: 1 }), k2), Array.from(b2.f32)];
      const got = bound.getWeights().map((w) => Array.from(w.f32));
      got.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 6)));
      free.setWeights(bound.getWeights());
      (free.optimizer as Optimizer).setState((bound.optimizer as Optimizer).getState());
    }
    // The constraints hold: column norms <= 0.6, biases >= 0, unit rows.
    const [k1, b1, k2] = bound.getWeights().map((w) => Array.from(w.f32));
    for (let j = 0; j < 5; j++) expect(Math.hypot(...[0, 1, 2, 3].map((i) => k1[i * 5 + j]))).toBeLessThanOrEqual(0.6 + 1e-6);
    expect(b1.every((v) => v >= 0)).toBe(true);
    for (let i = 0; i < 5; i++) expect(Math.hypot(k2[i * 3], k2[i * 3 + 1], k2[i * 3 + 2])).toBeCloseTo(1, 5);
  });
});

describe('resume', () => {
  test('fit stopped after 2 epochs and resumed from its file ends with bit-identical weights', async () => {
    const { x, labels } = blobs(24, 3);
    const make = (): Sequential => {
      setSeed(7);
      const m = new Sequential({
        layers: [
          new Dense({ units: 8, inputShape: [4], kernelConstraint: maxNorm({ maxValue: 0.7 }) }), new PReLU({ alphaConstraint: 'non_neg', alphaInitializer: 'randomNormal' }),
          new Dense({ units: 3, activation: 'softmax', kernelConstraint: 'unit_norm' }),
        ],
      });
      m.compile({ optimizer: new Adam(0.05), loss: 'sparseCategoricalCrossentropy' });
      return m;
    };
    const opts = { batchSize: 6, shuffle: true, seed: 3, verbose: 0 as const };
    const full = make();
    await full.fit(x, labels, { ...opts, epochs: 4 });
    const half = make();
    await half.fit(x, labels, { ...opts, epochs: 2 });
    const dir = tempDir();
    await half.save(dir, { includeOptimizer: true });
    const resumed = await loadModel(dir);
    await resumed.fit(x, labels, { ...opts, epochs: 4, initialEpoch: 2 });
    expectSameWeights(weightValues(resumed), weightValues(full));
  });
});

describe('files, both ways with TensorFlow.js', () => {
  test('Strata writes kernel_constraint as TensorFlow.js does; TensorFlow.js loads it with the constraint', async () => {
    const model = new Sequential({ layers: [new Conv2D({ filters: 2, kernelSize: 2, inputShape: [3, 3, 1], kernelConstraint: maxNorm({ maxValue: 1.5, axis: [0, 1, 2] }), biasConstraint: 'non_neg' }), new Flatten()] });
    const dir = tempDir();
    await model.save(dir);
    const layer = (readModelJson(dir).modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers[0].config;
    expect(layer.kernel_constraint).toEqual({ class_name: 'MaxNorm', config: { max_value: 1.5, axis: [0, 1, 2] } });
    expect(layer.bias_constraint).toEqual({ class_name: 'NonNeg', config: {} });
    const inTfjs = await loadInTfjs(dir);
    const config = inTfjs.layers[0].getConfig() as Record<string, { className: string; config: Record<string, unknown> }>;
    expect(config.kernelConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 1.5, axis: [0, 1, 2] } });
    expect(config.biasConstraint.className).toBe('NonNeg');
  });

  test('a TensorFlow.js model with constraints loads in Strata with them', async () => {
    const theirs = tf.sequential({
      layers: [
        tf.layers.dense({ units: 3, inputShape: [2], kernelConstraint: tf.constraints.minMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.7, axis: 0 }), biasConstraint: 'unitNorm' }),
        tf.layers.prelu({ alphaConstraint: tf.constraints.nonNeg() }),
        tf.layers.batchNormalization({ gammaConstraint: 'maxNorm' }),
      ],
    });
    const dir = tempDir();
    await saveWithTfjs(theirs, dir);
    const ours = await loadModel(dir);
    expect(ours.layers[0].getConfig()).toMatchObject({
      kernelConstraint: { className: 'MinMaxNorm', config: { minValue: 0.5, maxValue: 2, rate: 0.7, axis: 0 } },
      biasConstraint: { className: 'UnitNorm', config: { axis: 0 } },
    });
    expect(ours.layers[1].getConfig().alphaConstraint).toEqual({ className: 'NonNeg', config: {} });
    expect(ours.layers[2].getConfig().gammaConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 2, axis: 0 } });
  });

  test('a constraint Strata does not have is refused by name', async () => {
    const theirs = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
    const dir = tempDir();
    await saveWithTfjs(theirs, dir);
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = `${dir}/model.json`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('"kernel_constraint":null', '"kernel_constraint":{"class_name":"RadialConstraint","config":{}}'));
    await expect(loadModel(dir)).rejects.toThrow(ValueError);
    await expect(loadModel(dir)).rejects.toThrow(/kernelConstraint: unknown constraint 'RadialConstraint'/);
  });
});
