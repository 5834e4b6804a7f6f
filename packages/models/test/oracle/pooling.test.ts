import { AveragePooling2D, Conv2D, Dense, Flatten } from '@strata/layers';
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
});
