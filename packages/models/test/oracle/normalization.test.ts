import { Conv2D, Dense, Flatten, LayerNormalization } from '@strata/layers';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);

/** LayerNormalization between trained layers, with random gamma and beta. */
describe('TensorFlow.js oracle: LayerNormalization', () => {
  test('Dense -> LayerNormalization (last axis) -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [4, 5],
      strata: () => [new Dense(7, { inputShape: [5] }), new LayerNormalization(), new Dense(3, { activation: 'tanh' })],
      tfjs: (tf) => [tf.layers.dense({ units: 7, inputShape: [5] }), tf.layers.layerNormalization(), tf.layers.dense({ units: 3, activation: 'tanh' })],
      prepare: (m) => randomizeWeights(m, 6),
    });
  });

  test('Conv2D -> LayerNormalization over [1, 2, 3] (epsilon 0.01) -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 5, 4, 2],
      strata: () => [new Conv2D(3, 2, { inputShape: [5, 4, 2] }), new LayerNormalization({ axis: [1, 2, 3], epsilon: 0.01 }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 2, inputShape: [5, 4, 2] }), tf.layers.layerNormalization({ axis: [1, 2, 3], epsilon: 0.01 }),
        tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 7),
    });
  });

  test('LayerNormalization over axes [1, 3] (moved last and back)', async () => {
    await runTfjsOracle({
      inputShape: [2, 3, 2, 4],
      strata: () => [new Dense(4, { inputShape: [3, 2, 4] }), new LayerNormalization({ axis: [1, 3] }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.dense({ units: 4, inputShape: [3, 2, 4] }), tf.layers.layerNormalization({ axis: [1, 3] }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 8),
    });
  });

  // TensorFlow.js 4.22 fails to take a gradient through a LayerNormalization without gamma or beta
  // (its batchNorm kernel saves an undefined tensor), so these compare inference and files only.
  test.each([[{ scale: false }], [{ center: false }]])('LayerNormalization %j: inference and files', async (options) => {
    await runTfjsOracle({
      inputShape: [3, 6],
      strata: () => [new Dense(5, { inputShape: [6] }), new LayerNormalization(options), new Dense(2)],
      tfjs: (tf) => [tf.layers.dense({ units: 5, inputShape: [6] }), tf.layers.layerNormalization(options), tf.layers.dense({ units: 2 })],
      prepare: (m) => randomizeWeights(m, 9),
      sgdSteps: 0,
    });
  });
});
