import {
  AveragePooling2D, Conv2D, Dense, Flatten, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
} from '@strata/layers';
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

describe('keepdims, which TensorFlow.js 4.22 does not have: save and load in Strata', () => {
  test('GlobalAveragePooling2D and GlobalMaxPooling1D with keepdims keep it through model.json (keepdims: true)', async () => {
    for (const layers of [
      [new Conv2D(3, 2, { inputShape: [5, 4, 2] }), new GlobalAveragePooling2D({ keepdims: true }), new Dense(2)],
      [new Dense(3, { inputShape: [6, 2] }), new GlobalMaxPooling1D({ keepdims: true }), new Dense(2)],
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
