import {
  AveragePooling1D, AveragePooling2D, Conv1D, Conv2D, Dense, Flatten, MaxPooling1D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
} from '@strata/layers';
import * as tf from '@tensorflow/tfjs';
import { closenessMismatches, mul, sum } from '@strata/core';
import { loadModel, Sequential } from '@strata/models';
import { randomValues, readModelJson, tempDir } from '../io/helpers';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);

/** The pooling layers (and Conv1D) against TensorFlow.js: inference, SGD training, and files both ways. */
describe('TensorFlow.js oracle: pooling', () => {
  test('Conv2D -> AveragePooling2D (valid, odd input) -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 7, 9, 2],
      strata: () => [new Conv2D(3, 2, { activation: 'tanh', inputShape: [7, 9, 2] }), new AveragePooling2D([2, 2]), new Flatten(), new Dense(3)],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 2, activation: 'tanh', inputShape: [7, 9, 2] }),
        tf.layers.averagePooling2d({ poolSize: [2, 2] }), tf.layers.flatten(), tf.layers.dense({ units: 3 }),
      ],
      prepare: (m) => randomizeWeights(m, 2),
    });
  });

  test("AveragePooling2D 'same' with partial edge windows (averaging in-image pixels only) -> Conv2D -> Flatten -> Dense", async () => {
    // The pool comes first, so training needs no gradient through it (see the next case).
    await runTfjsOracle({
      inputShape: [2, 9, 7, 3],
      strata: () => [new AveragePooling2D(3, { strides: 2, padding: 'same', inputShape: [9, 7, 3] }), new Conv2D(2, 2, { activation: 'relu' }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same', inputShape: [9, 7, 3] }),
        tf.layers.conv2d({ filters: 2, kernelSize: 2, activation: 'relu' }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 3),
    });
  });

  test("Conv2D -> AveragePooling2D 'same' with partial windows: inference and files only", async () => {
    // TensorFlow.js 4.22's avgPool gradient divides by the whole window at the edges, unlike its
    // own forward pass and TensorFlow; Strata's gradient is checked by finite differences instead.
    await runTfjsOracle({
      inputShape: [2, 5, 6, 2],
      strata: () => [new Conv2D(3, 3, { padding: 'same', inputShape: [5, 6, 2] }), new AveragePooling2D(2, { strides: 1, padding: 'same' }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', inputShape: [5, 6, 2] }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 4),
      sgdSteps: 0,
    });
  });

  test("Conv2D -> AveragePooling2D 'same' (full windows) -> GlobalAveragePooling2D -> Dense", async () => {
    await runTfjsOracle({
      inputShape: [3, 8, 6, 2],
      strata: () => [
        new Conv2D(4, 3, { padding: 'same', activation: 'relu', inputShape: [8, 6, 2] }), new AveragePooling2D(2, { padding: 'same' }),
        new GlobalAveragePooling2D(), new Dense(3, { activation: 'sigmoid' }),
      ],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 6, 2] }),
        tf.layers.averagePooling2d({ poolSize: 2, padding: 'same' }), tf.layers.globalAveragePooling2d({}), tf.layers.dense({ units: 3, activation: 'sigmoid' }),
      ],
      prepare: (m) => randomizeWeights(m, 5),
    });
  });

  test('Conv2D -> GlobalMaxPooling2D -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 6, 5, 2],
      strata: () => [new Conv2D(4, 2, { activation: 'tanh', inputShape: [6, 5, 2] }), new GlobalMaxPooling2D(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 4, kernelSize: 2, activation: 'tanh', inputShape: [6, 5, 2] }), tf.layers.globalMaxPooling2d({}), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 6),
    });
  });

  test('Dense on a sequence -> GlobalMaxPooling1D, and -> GlobalAveragePooling1D -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 7, 3],
      strata: () => [new Dense(4, { activation: 'tanh', inputShape: [7, 3] }), new GlobalMaxPooling1D(), new Dense(2)],
      tfjs: (tf) => [tf.layers.dense({ units: 4, activation: 'tanh', inputShape: [7, 3] }), tf.layers.globalMaxPooling1d(), tf.layers.dense({ units: 2 })],
      prepare: (m) => randomizeWeights(m, 7),
    });
    await runTfjsOracle({
      inputShape: [3, 7, 3],
      strata: () => [new Dense(4, { activation: 'tanh', inputShape: [7, 3] }), new GlobalAveragePooling1D(), new Dense(2)],
      tfjs: (tf) => [tf.layers.dense({ units: 4, activation: 'tanh', inputShape: [7, 3] }), tf.layers.globalAveragePooling1d(), tf.layers.dense({ units: 2 })],
      prepare: (m) => randomizeWeights(m, 8),
    });
  });
});

describe('TensorFlow.js oracle: Conv1D and the 1D pools', () => {
  test('Conv1D same -> MaxPooling1D -> GlobalAveragePooling1D -> Dense', async () => {
    // TensorFlow.js 4.22's Conv1D layer cannot run 'causal' ("not implemented yet"): see the next case.
    await runTfjsOracle({
      inputShape: [3, 11, 2],
      strata: () => [new Conv1D(4, 3, { padding: 'same', activation: 'relu', inputShape: [11, 2] }), new MaxPooling1D(2), new GlobalAveragePooling1D(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [11, 2] }),
        tf.layers.maxPooling1d({ poolSize: 2 }), tf.layers.globalAveragePooling1d(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 9),
    });
  });

  test.each([
    ['kernel 3: output and every gradient', 3, 1],
    // TensorFlow.js 4.22 has no gradient for dilated convolutions; Strata's is checked by finite differences.
    ['kernel 2, dilation 2: output', 2, 2],
  ])("Conv1D causal against TensorFlow.js's conv1d on the left-padded input, %s", (_name, k, d) => {
    const steps = 9;
    const layer = new Conv1D(4, k, { padding: 'causal', dilationRate: d, biasInitializer: 'randomNormal', inputShape: [steps, 2] });
    const x = randomValues([2, steps, 2], 'causal-x');
    x.requiresGrad = true;
    const y = layer.apply(x);
    const r = randomValues(y.shape, 'causal-r');
    sum(mul(y, r)).backward();
    const kernel = layer.kernel!;
    const bias = layer.bias!;
    const theirs = (tx: tf.Tensor3D, tw: tf.Tensor3D, tb: tf.Tensor1D): tf.Tensor =>
      tf.conv1d(tf.pad(tx, [[0, 0], [(k - 1) * d, 0], [0, 0]]), tw, 1, 'valid', 'NWC', d).add(tb);
    const args = [tf.tensor3d(x.dataSync() as Float32Array, [2, steps, 2]), tf.tensor3d(kernel.dataSync() as Float32Array, [k, 2, 4]), tf.tensor1d(bias.dataSync() as Float32Array)] as const;
    const tolerance = { rtol: 1e-4, atol: 1e-5 };
    expect(y.shape).toEqual([2, steps, 4]);
    expect(closenessMismatches(y.dataSync(), theirs(...args).dataSync(), tolerance)).toEqual([]);
    if (d > 1) return;
    const rt = tf.tensor(r.dataSync() as Float32Array, r.shape);
    const grads = tf.grads((tx, tw, tb) => theirs(tx as tf.Tensor3D, tw as tf.Tensor3D, tb as tf.Tensor1D).mul(rt).sum())([...args]);
    [x, kernel, bias].forEach((t, i) => expect(closenessMismatches(t.grad!.dataSync(), grads[i].dataSync(), tolerance)).toEqual([]));
  });

  test('Conv1D valid -> AveragePooling1D (valid) -> Conv1D same, stride 2 -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [2, 13, 3],
      strata: () => [
        new Conv1D(4, 3, { activation: 'tanh', inputShape: [13, 3] }), new AveragePooling1D(2),
        new Conv1D(3, 2, { strides: 2, padding: 'same' }), new Flatten(), new Dense(2),
      ],
      tfjs: (tf) => [
        tf.layers.conv1d({ filters: 4, kernelSize: 3, activation: 'tanh', inputShape: [13, 3] }), tf.layers.averagePooling1d({ poolSize: 2 }),
        tf.layers.conv1d({ filters: 3, kernelSize: 2, strides: 2, padding: 'same' }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 10),
    });
  });

  test('Conv1D valid, dilation 2: inference and files only (TensorFlow.js 4.22 has no gradient for dilated convolutions)', async () => {
    await runTfjsOracle({
      inputShape: [2, 11, 2],
      strata: () => [new Conv1D(3, 3, { dilationRate: 2, inputShape: [11, 2] }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [tf.layers.conv1d({ filters: 3, kernelSize: 3, dilationRate: 2, inputShape: [11, 2] }), tf.layers.flatten(), tf.layers.dense({ units: 2 })],
      prepare: (m) => randomizeWeights(m, 12),
      sgdSteps: 0,
    });
  });

  test("AveragePooling1D 'same' with a partial edge window -> Conv1D -> MaxPooling1D 'same', strides 1 -> Flatten -> Dense", async () => {
    // The average pool comes first, so training needs no gradient through it (TensorFlow.js's is off
    // at the edges). No global max after the overlapping max pool: its repeated maxima would be ties,
    // whose gradient TensorFlow splits and TensorFlow.js does not.
    await runTfjsOracle({
      inputShape: [2, 8, 2],
      strata: () => [
        new AveragePooling1D(3, { strides: 2, padding: 'same', inputShape: [8, 2] }), new Conv1D(3, 2, { padding: 'same' }),
        new MaxPooling1D(2, { strides: 1, padding: 'same' }), new Flatten(), new Dense(2),
      ],
      tfjs: (tf) => [
        tf.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same', inputShape: [8, 2] }), tf.layers.conv1d({ filters: 3, kernelSize: 2, padding: 'same' }),
        tf.layers.maxPooling1d({ poolSize: 2, strides: 1, padding: 'same' }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 11),
    });
  });
});

describe('what TensorFlow.js 4.22 lacks (keepdims, causal Conv1D): save and load in Strata', () => {
  test('global pools with keepdims, and a causal Conv1D, keep their config through model.json and predict the same', async () => {
    for (const layers of [
      [new Conv2D(3, 2, { inputShape: [5, 4, 2] }), new GlobalAveragePooling2D({ keepdims: true }), new Dense(2)],
      [new Dense(3, { inputShape: [6, 2] }), new GlobalMaxPooling1D({ keepdims: true }), new Dense(2)],
      // TensorFlow.js 4.22 loads a causal Conv1D but cannot run it.
      [new Conv1D(3, 3, { padding: 'causal', dilationRate: 2, inputShape: [9, 2] }), new MaxPooling1D(2), new GlobalAveragePooling1D({ keepdims: true }), new Dense(2)],
    ]) {
      const model = new Sequential({ layers });
      const dir = tempDir('strata-keepdims-');
      await model.save(dir);
      const saved = readModelJson(dir).modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
      const pooled = saved.config.layers.find((l) => l.class_name.startsWith('Global'));
      expect(pooled?.config).toMatchObject({ keepdims: true, data_format: 'channels_last' });
      const loaded = await loadModel(dir);
      const x = randomValues([2, ...(model.inputShape.slice(1) as number[])], 'keepdims');
      expect(loaded.predict(x).shape).toEqual([2, ...(layers[0] instanceof Conv2D ? [1, 1] : [1]), 2]);
      expect(Array.from(loaded.predict(x).dataSync())).toEqual(Array.from(model.predict(x).dataSync()));
    }
  });
});
