import { Activation, BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D } from '@strata/layers';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);

/** The article's six layers against TensorFlow.js: inference, SGD training, and files both ways. */
describe('TensorFlow.js oracle: the article layers', () => {
  test('Conv2D (same, strides 2, relu) -> BatchNormalization -> MaxPooling2D -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 9, 7, 2],
      strata: () => [
        new Conv2D(4, 3, { strides: 2, padding: 'same', activation: 'relu', inputShape: [9, 7, 2] }),
        new BatchNormalization(), new MaxPooling2D(2, { padding: 'same' }), new Flatten(), new Dense(3, { activation: 'tanh' }),
      ],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [9, 7, 2] }),
        tf.layers.batchNormalization(), tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'tanh' }),
      ],
      prepare: (m) => randomizeWeights(m, 1),
    });
  });

  test('Dense -> Activation(softmax), and Dropout, whose training pass is random, compared in inference', async () => {
    await runTfjsOracle({
      inputShape: [4, 5],
      strata: () => [new Dense(6, { activation: 'sigmoid', inputShape: [5] }), new Dropout(0.3), new Dense(3), new Activation('softmax')],
      tfjs: (tf) => [tf.layers.dense({ units: 6, activation: 'sigmoid', inputShape: [5] }), tf.layers.dropout({ rate: 0.3 }), tf.layers.dense({ units: 3 }), tf.layers.activation({ activation: 'softmax' })],
      sgdSteps: 0,
    });
  });
});
