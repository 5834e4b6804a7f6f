import * as tf from '@tensorflow/tfjs';
import { Activation, BatchNormalization, Dense, Dropout } from '@strata/layers';
import { Adam, loadModel, Sequential, type Optimizer } from '@strata/models';
import { blobs } from '../helpers/models';
import { articleModel, cleanup, maxAbsDiff, perturbBatchNorm, randomValues, tempDir } from './helpers';
import { loadInTfjs, saveWithTfjs, tfjsPredict, tfjsReady } from './tfjs_files';

beforeAll(tfjsReady);
afterAll(cleanup);

/** The small model: Dense layers with tanh, elu, sigmoid and softmax, BatchNormalization, Dropout. */
function smallStrata(): Sequential {
  return new Sequential({
    layers: [
      new Dense({ units: 8, activation: 'tanh', inputShape: [4] }),
      new BatchNormalization(),
      new Dropout({ rate: 0.2 }),
      new Dense({ units: 6, activation: 'elu' }),
      new Activation({ activation: 'sigmoid' }),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

function smallTfjs(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 8, activation: 'tanh', inputShape: [4] }),
      tf.layers.batchNormalization(),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: 6, activation: 'elu' }),
      tf.layers.activation({ activation: 'sigmoid' }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

/** The article's model, built the TensorFlow.js way. */
function articleTfjs(): tf.Sequential {
  const conv = (filters: number, extra: Partial<tf.layers.ConvLayerArgs> = {}) => tf.layers.conv2d({ filters, kernelSize: [3, 3], activation: 'relu', ...extra } as tf.layers.ConvLayerArgs);
  return tf.sequential({
    layers: [
      conv(32, { inputShape: [48, 48, 1] }), conv(64), tf.layers.batchNormalization(), tf.layers.maxPooling2d({ poolSize: [2, 2] }), tf.layers.dropout({ rate: 0.25 }),
      conv(128), tf.layers.maxPooling2d({ poolSize: [2, 2] }), tf.layers.batchNormalization(),
      conv(128), tf.layers.maxPooling2d({ poolSize: [2, 2] }), tf.layers.dropout({ rate: 0.25 }),
      tf.layers.flatten(), tf.layers.batchNormalization(), tf.layers.dense({ units: 1024, activation: 'relu' }), tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 7, activation: 'softmax' }),
    ],
  });
}

/** Non-trivial gamma, beta and moving statistics for every TensorFlow.js BatchNormalization. */
function perturbTfjsBatchNorm(model: tf.LayersModel, seed: number): void {
  model.layers.forEach((layer, i) => {
    if (layer.getClassName() !== 'BatchNormalization') return;
    const [gamma, beta, mean, variance] = layer.getWeights().map((w, k) => randomValues(w.shape, `${seed}-${i}-${k}`).values as Float32Array);
    layer.setWeights([
      tf.tensor(gamma.map((v) => 1 + 0.5 * v)), tf.tensor(beta), tf.tensor(mean.map((v) => 0.5 * v)), tf.tensor(variance.map((v) => 1 + 0.5 * v)),
    ]);
  });
}

/** Predictions are close, and informative (not saturated one-hot rows that any model would match). */
function expectSamePredictions(strata: Float32Array, tfjs: Float32Array): void {
  expect(maxAbsDiff(strata, tfjs)).toBeLessThan(1e-4);
  expect(Math.max(...strata)).toBeLessThan(0.999);
  expect(new Set(Array.from(strata, (v) => v.toFixed(3))).size).toBeGreaterThan(strata.length / 2);
}

// TensorFlow.js runs the article's model on its slow cpu backend (10-20 s here); while the full
// suite loads both cores, tests that wait on it need more than jest's default 5 s.
jest.setTimeout(120_000);

describe('TensorFlow.js interoperability, both directions', () => {
  test.each([
    ['the small Dense model', smallStrata, [5, 4]],
    ["the article's model", articleModel, [2, 48, 48, 1]],
  ])('%s saved by Strata loads in TensorFlow.js and predicts the same', async (_, make, inputShape) => {
    const model = make();
    perturbBatchNorm(model, 7);
    const dir = tempDir();
    await model.save(dir);
    const loaded = await loadInTfjs(dir);
    expect(loaded.layers.map((l) => [l.getClassName(), l.name])).toEqual(model.layers.map((l) => [l.className, l.name]));
    const x = randomValues(inputShape, 11);
    expectSamePredictions(model.predict(x).values as Float32Array, tfjsPredict(loaded, x.values as Float32Array, inputShape));
  });

  test.each([
    ['the small Dense model', smallTfjs, [5, 4]],
    ["the article's model", articleTfjs, [2, 48, 48, 1]],
  ])('%s saved by TensorFlow.js loads in Strata and predicts the same', async (_, make, inputShape) => {
    const model = make();
    perturbTfjsBatchNorm(model, 8);
    const dir = tempDir();
    await saveWithTfjs(model, dir);
    const loaded = await loadModel(dir);
    expect(loaded.layers.map((l) => [l.className, l.name])).toEqual(model.layers.map((l) => [l.getClassName(), l.name]));
    expect(loaded.countParams()).toBe(model.countParams());
    const x = randomValues(inputShape, 12);
    expectSamePredictions(loaded.predict(x).values as Float32Array, tfjsPredict(model, x.values as Float32Array, inputShape));
  });

  test('a Strata Adam checkpoint loads in TensorFlow.js compiled, with its step count and moments', async () => {
    const model = smallStrata();
    model.compile({ optimizer: new Adam({ learningRate: 0.003 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const { x, labels } = blobs(12, 1);
    await model.fit(x, labels, { epochs: 2, batchSize: 4, verbose: 0, seed: 2 });
    const dir = tempDir();
    await model.save(dir, { includeOptimizer: true });
    const loaded = await loadInTfjs(dir);
    expect(loaded.optimizer.getClassName()).toBe('Adam');
    expect(loaded.optimizer.getConfig()).toMatchObject({ learningRate: 0.003, beta1: 0.9, beta2: 0.999 });
    const weights = await loaded.optimizer.getWeights();
    const state = (model.optimizer as Optimizer).getState();
    expect(weights[0].name).toBe('iter');
    expect(weights[0].tensor.dataSync()[0]).toBe(state.iterations);
    const kernel = model.trainableWeights[0].name;
    expect(weights[1].name).toBe(`${kernel}/m`);
    expect(Array.from(weights[1].tensor.dataSync())).toEqual(Array.from(state.slots[kernel].m));
  });

  test('a TensorFlow.js Adam checkpoint loads in Strata compiled, with its step count and moments', async () => {
    const model = smallTfjs();
    model.compile({ optimizer: tf.train.adam(0.004), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(tf.randomNormal([12, 4], 0, 1, 'float32', 3), tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]), { epochs: 2, batchSize: 4, verbose: 0 });
    const dir = tempDir();
    await saveWithTfjs(model, dir, true);
    const loaded = await loadModel(dir);
    const optimizer = loaded.optimizer as Optimizer;
    expect(optimizer).toBeInstanceOf(Adam);
    expect(optimizer.learningRate).toBeCloseTo(0.004, 9);
    const tfWeights = await model.optimizer.getWeights();
    const state = optimizer.getState();
    expect(state.iterations).toBe(tfWeights[0].tensor.dataSync()[0]);
    expect(state.iterations).toBe(6);
    for (const w of tfWeights.slice(1)) {
      const [variable, slot] = [w.name.slice(0, w.name.lastIndexOf('/')), w.name.slice(w.name.lastIndexOf('/') + 1)];
      expect(Array.from(state.slots[variable][slot])).toEqual(Array.from(w.tensor.dataSync()));
    }
    expect(Object.keys(state.slots)).toEqual(loaded.trainableWeights.map((v) => v.name));
  });
});
