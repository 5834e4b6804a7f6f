import * as tf from '@tensorflow/tfjs';
import { Conv2D, Dense, Flatten, GaussianNoise, SpatialDropout2D } from '@strata/layers';
import { loadModel, Sequential } from '@strata/models';
import { tempDir } from '../io/helpers';
import { loadInTfjs } from '../io/tfjs_files';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);

describe('TensorFlow.js oracle: noise layers', () => {
  // Training draws random noise, so the oracle compares inference (the identity) and the files.
  test('Dense -> GaussianNoise -> Dense: inference and files both ways', async () => {
    await runTfjsOracle({
      inputShape: [3, 4],
      strata: () => [new Dense(5, { inputShape: [4] }), new GaussianNoise(0.5), new Dense(2)],
      tfjs: (t) => [t.layers.dense({ units: 5, inputShape: [4] }), t.layers.gaussianNoise({ stddev: 0.5 }), t.layers.dense({ units: 2 })],
      prepare: (m) => randomizeWeights(m, 10),
      sgdSteps: 0,
    });
  });

  test('SpatialDropout2D: TensorFlow.js 4.22 has no such class (only SpatialDropout1D), so Strata saves Keras\'s name and TensorFlow.js refuses the file by name', async () => {
    const model = new Sequential({ layers: [new Conv2D(2, 2, { inputShape: [4, 4, 1] }), new SpatialDropout2D(0.2), new Flatten(), new Dense(2)] });
    const dir = tempDir('strata-spatial-dropout-');
    await model.save(dir);
    await expect(loadInTfjs(dir)).rejects.toThrow(/SpatialDropout2D/);
    const loaded = await loadModel(dir);
    expect(loaded.layers.map((l) => l.className)).toEqual(['Conv2D', 'SpatialDropout2D', 'Flatten', 'Dense']);
    expect(typeof (tf.layers as Record<string, unknown>).spatialDropout2d).toBe('undefined');
  });
});
