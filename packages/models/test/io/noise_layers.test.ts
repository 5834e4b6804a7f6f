import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, setSeed, tensor, type Tensor } from '@strata/core';
import { Conv2D, Dense, Flatten, GaussianNoise, SpatialDropout2D } from '@strata/layers';
import { Adam, loadModel, ModelCheckpoint, Sequential } from '@strata/models';
import { cleanup, expectSameWeights, sameWeights, tempDir, weightValues } from './helpers';

afterAll(cleanup);

/** GaussianNoise and SpatialDropout2D (no seeds: their generators come from the global one) in a tiny convnet. */
function noisyModel(): Sequential {
  return new Sequential({
    layers: [
      new GaussianNoise(0.2, { inputShape: [5, 5, 2] }),
      new Conv2D(4, 3, { activation: 'relu' }),
      new SpatialDropout2D(0.3),
      new Flatten(),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

function data(n: number, seed: number): { x: Tensor; labels: Tensor } {
  const rng = makeRng(seed);
  const x = Float32Array.from({ length: n * 50 }, () => rng() * 2 - 1);
  return { x: tensor(x, [n, 5, 5, 2]), labels: tensor(Float32Array.from({ length: n }, (_, i) => (x[i * 50 + 12] > 0 ? 1 : 0)), [n]) };
}

describe('GaussianNoise and SpatialDropout2D in a saved model', () => {
  test('save and load keep their Keras configs; at inference both are identities', async () => {
    const model = new Sequential({
      layers: [new GaussianNoise(0.1, { seed: 4, inputShape: [5, 5, 2] }), new SpatialDropout2D(0.25, { seed: 8 }), new Flatten(), new Dense({ units: 2 })],
    });
    const dir = tempDir();
    await model.save(dir);
    const layers = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).modelTopology.config.layers as { class_name: string; config: Record<string, unknown> }[];
    expect(layers[0]).toMatchObject({ class_name: 'GaussianNoise', config: { stddev: 0.1, seed: 4 } });
    expect(layers[1]).toMatchObject({ class_name: 'SpatialDropout2D', config: { rate: 0.25, seed: 8, data_format: 'channels_last' } });
    const loaded = await loadModel(dir);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    const { x } = data(3, 1);
    expect(Array.from(loaded.predict(x).dataSync())).toEqual(Array.from(model.predict(x).dataSync()));
  });

  test('training through them resumes exactly from a checkpoint (their generators are saved and restored)', async () => {
    const { x, labels } = data(24, 2);
    const dir = tempDir();
    const fit = { batchSize: 8, shuffle: true, seed: 5, verbose: 0 as const };
    setSeed(41);
    const full = noisyModel();
    full.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    await full.fit(x, labels, { ...fit, epochs: 3, callbacks: [new ModelCheckpoint({ filepath: join(dir, 'epoch-{epoch}') })] });
    const saved = JSON.parse(readFileSync(join(dir, 'epoch-1', 'model.json'), 'utf8'));
    expect(Object.keys(saved.strata.dropoutRngStates).sort()).toEqual([full.layers[0].name, full.layers[2].name].sort());

    setSeed(777); // another process, in effect
    const resumed = await loadModel(join(dir, 'epoch-1'));
    await resumed.fit(x, labels, { ...fit, epochs: 3, initialEpoch: 1 });
    expectSameWeights(weightValues(resumed), weightValues(full));

    // The saved generators are what makes it exact: with other states the draws, and the weights, differ.
    const fresh = await loadModel(join(dir, 'epoch-1'));
    fresh.layers.forEach((l) => {
      if (l instanceof GaussianNoise || l instanceof SpatialDropout2D) l.setRngState(makeFreshState());
    });
    await fresh.fit(x, labels, { ...fit, epochs: 3, initialEpoch: 1 });
    expect(sameWeights(weightValues(fresh), weightValues(full))).toBe(false);
  });
});

function makeFreshState(): ReturnType<GaussianNoise['getRngState']> {
  return new GaussianNoise(1, { seed: 12345 }).getRngState();
}
