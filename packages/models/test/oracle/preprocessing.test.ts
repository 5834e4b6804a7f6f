import { Conv2D, Dense, Flatten, Rescaling } from '@strata/layers';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);

// TensorFlow.js 4.22 has Rescaling (and no RandomFlip, RandomRotation, RandomZoom or
// RandomTranslation: those are checked in Strata alone, packages/models/test/io/augmentation_layers.test.ts).
describe('TensorFlow.js oracle: preprocessing', () => {
  test('Rescaling (scale and offset) first -> Conv2D -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 6, 5, 2],
      strata: () => [new Rescaling(1 / 127.5, { offset: -1, inputShape: [6, 5, 2] }), new Conv2D(3, 3, { activation: 'tanh' }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.rescaling({ scale: 1 / 127.5, offset: -1, inputShape: [6, 5, 2] }),
        tf.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'tanh' }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 5),
    });
  });

  test('Rescaling between layers (the gradient through it trains the layer before): Dense -> Rescaling -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [4, 5],
      strata: () => [new Dense(4, { activation: 'tanh', inputShape: [5] }), new Rescaling(-2.5, { offset: 0.75 }), new Dense(3)],
      tfjs: (tf) => [
        tf.layers.dense({ units: 4, activation: 'tanh', inputShape: [5] }), tf.layers.rescaling({ scale: -2.5, offset: 0.75 }), tf.layers.dense({ units: 3 }),
      ],
      prepare: (m) => randomizeWeights(m, 6),
    });
  });
});
