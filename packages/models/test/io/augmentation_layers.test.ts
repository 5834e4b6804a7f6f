import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, setSeed, tensor, type Tensor } from '@strata/core';
import { Conv2D, Dense, Flatten, RandomFlip, RandomRotation, RandomTranslation, RandomZoom, Rescaling } from '@strata/layers';
import { Adam, loadModel, ModelCheckpoint, Sequential } from '@strata/models';
import { cleanup, expectSameWeights, tempDir, weightValues } from './helpers';

afterAll(cleanup);

/** Rescaling and the four random image layers in front of a tiny convnet on 6 x 6 x 1 images. */
function augmentedModel(): Sequential {
  const model = new Sequential();
  model.add(new Rescaling(1 / 255, { inputShape: [6, 6, 1] }));
  model.add(new RandomFlip('horizontal'));
  model.add(new RandomRotation(0.05, { fillMode: 'nearest' }));
  model.add(new RandomZoom(0.1, { fillMode: 'constant', fillValue: 0.5 }));
  model.add(new RandomTranslation(0.1, [-0.2, 0.1], { interpolation: 'nearest' }));
  model.add(new Conv2D(3, 3, { activation: 'relu' }));
  model.add(new Flatten());
  model.add(new Dense({ units: 2, activation: 'softmax' }));
  return model;
}

function images(n: number, seed: number): { x: Tensor; labels: Tensor } {
  const rng = makeRng(seed);
  const x = Float32Array.from({ length: n * 36 }, () => Math.floor(rng() * 256));
  const labels = Float32Array.from({ length: n }, (_, i) => (x[i * 36 + 14] > 127 ? 1 : 0));
  return { x: tensor(x, [n, 6, 6, 1]), labels: tensor(labels, [n]) };
}

describe('Rescaling and the random image layers in a saved model', () => {
  test('model.add(new RandomFlip(...)) works; save and load keep every layer, its Keras config and the predictions', async () => {
    const model = augmentedModel();
    const { x } = images(5, 1);
    const dir = tempDir();
    await model.save(dir);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const layers = json.modelTopology.config.layers as { class_name: string; config: Record<string, unknown> }[];
    expect(layers.map((l) => l.class_name)).toEqual(['Rescaling', 'RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'Conv2D', 'Flatten', 'Dense']);
    expect(layers[0].config).toMatchObject({ scale: 1 / 255, offset: 0 });
    expect(layers[1].config).toMatchObject({ mode: 'horizontal', seed: null, data_format: 'channels_last' });
    expect(layers[2].config).toMatchObject({ factor: [-0.05, 0.05], fill_mode: 'nearest', interpolation: 'bilinear', fill_value: 0 });
    expect(layers[3].config).toMatchObject({ height_factor: 0.1, width_factor: null, fill_mode: 'constant', fill_value: 0.5 });
    expect(layers[4].config).toMatchObject({ height_factor: 0.1, width_factor: [-0.2, 0.1], interpolation: 'nearest', fill_mode: 'reflect' });

    const loaded = await loadModel(dir);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    // At inference the random layers are identities: the same predictions, bit for bit.
    expect(Array.from(loaded.predict(x).dataSync())).toEqual(Array.from(model.predict(x).dataSync()));
  });

  test("training through them resumes exactly from a checkpoint: the layers' generators are saved and restored", async () => {
    const { x, labels } = images(24, 2);
    const dir = tempDir();
    const fit = { batchSize: 8, shuffle: true, seed: 5, verbose: 0 as const };
    setSeed(31);
    const full = augmentedModel();
    full.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    await full.fit(x, labels, { ...fit, epochs: 3, callbacks: [new ModelCheckpoint({ filepath: join(dir, 'epoch-{epoch}') })] });
    const saved = JSON.parse(readFileSync(join(dir, 'epoch-1', 'model.json'), 'utf8'));
    expect(Object.keys(saved.strata.dropoutRngStates).length).toBe(4);

    setSeed(777); // another process, in effect
    const resumed = await loadModel(join(dir, 'epoch-1'));
    await resumed.fit(x, labels, { ...fit, epochs: 3, initialEpoch: 1 });
    expectSameWeights(weightValues(resumed), weightValues(full));
  });
});
