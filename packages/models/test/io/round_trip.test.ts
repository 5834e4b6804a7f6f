import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ValueError } from '@strata/core';
import {
  Activation, BatchNormalization, Conv2D, Dense, Dropout, Flatten, InputLayer, MaxPooling2D, initializers, l1l2, l2,
} from '@strata/layers';
import { loadModel, Sequential } from '@strata/models';
import { articleModel, cleanup, denseModel, perturbBatchNorm, randomValues, readModelJson, tempDir, expectSameWeights, weightValues } from './helpers';

afterAll(cleanup);

/** Every layer type, with non-default arguments wherever a layer has them. */
function everyLayerModel(): Sequential {
  return new Sequential({
    name: 'every_layer',
    layers: [
      new InputLayer({ inputShape: [9, 9, 2], name: 'pixels' }),
      new Conv2D({
        filters: 4, kernelSize: [3, 2], strides: [2, 1], padding: 'same', activation: 'tanh',
        kernelInitializer: 'heNormal', biasInitializer: new initializers.Constant(0.1), kernelRegularizer: l2({ l2: 0.02 }),
      }),
      new Conv2D({ filters: 3, kernelSize: 2, dilationRate: 2, useBias: false, kernelInitializer: new initializers.RandomNormal(0, 0.3, 5) }),
      new BatchNormalization({ momentum: 0.8, epsilon: 0.01, center: false, gammaRegularizer: l2({ l2: 0.001 }) }),
      new MaxPooling2D({ poolSize: [2, 2], strides: [1, 1], padding: 'same' }),
      new Activation({ activation: 'elu' }),
      new Dropout({ rate: 0.3, noiseShape: [null, 1, 1, null], seed: 11 }),
      new Flatten(),
      new BatchNormalization({ scale: false }),
      new Dense({
        units: 5, activation: 'sigmoid', kernelInitializer: new initializers.VarianceScaling(2, 'fanOut', 'uniform', 3),
        biasInitializer: new initializers.RandomUniform(-0.2, 0.2, 4), kernelRegularizer: l1l2({ l1: 0.01, l2: 0.02 }),
      }),
      new Dense({ units: 2, useBias: false, kernelInitializer: new initializers.TruncatedNormal(0, 0.1, 9) }),
    ],
  });
}

describe('save and load: round trips', () => {
  test('every layer type keeps its class, config, name and weights, and predicts the same', async () => {
    const model = everyLayerModel();
    perturbBatchNorm(model, 1);
    const dir = tempDir();
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded).toBeInstanceOf(Sequential);
    expect(loaded.name).toBe('every_layer');
    expect(loaded.getConfig()).toEqual(model.getConfig());
    expect(loaded.layers.map((l) => l.className)).toEqual(['Conv2D', 'Conv2D', 'BatchNormalization', 'MaxPooling2D', 'Activation', 'Dropout', 'Flatten', 'BatchNormalization', 'Dense', 'Dense']);
    expectSameWeights(weightValues(loaded), weightValues(model));
    const x = randomValues([3, 9, 9, 2], 2);
    expect(Array.from(loaded.predict(x).values)).toEqual(Array.from(model.predict(x).values));
    expect(loaded.summary({ print: false })).toBe(model.summary({ print: false }));
  });

  test("the article's model: 9.4 MB of weights in three 4 MiB shards, same predictions and summary", async () => {
    const model = articleModel();
    perturbBatchNorm(model, 2);
    const dir = tempDir();
    await model.save(dir);
    const shards = readdirSync(dir).filter((f) => f.endsWith('.bin')).sort();
    expect(shards).toHaveLength(3);
    shards.forEach((f, i) => expect(f).toMatch(new RegExp(`^group1-shard${i + 1}of3\\.[0-9a-f]{10}\\.bin$`)));
    expect(shards.map((f) => statSync(join(dir, f)).size)).toEqual([4 * 1024 * 1024, 4 * 1024 * 1024, 2354567 * 4 - 8 * 1024 * 1024]);
    expect(readModelJson(dir).weightsManifest[0].paths).toEqual(shards);

    const loaded = await loadModel(join(dir, 'model.json'));
    expect(loaded.summary({ print: false })).toBe(model.summary({ print: false }));
    expect(loaded.countParams()).toBe(2354567);
    const x = randomValues([2, 48, 48, 1], 3);
    expect(Array.from(loaded.predict(x).values)).toEqual(Array.from(model.predict(x).values));
  });

  test('model.json is the layers-model format with a Keras snake_case topology', async () => {
    const model = everyLayerModel();
    const dir = tempDir();
    await model.save(dir);
    const json = readModelJson(dir);
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toMatch(/^Strata /);
    expect(json.convertedBy).toBeNull();
    const topology = json.modelTopology as { class_name: string; config: { name: string; layers: { class_name: string; config: Record<string, unknown> }[] }; keras_version: string; backend: string };
    expect(topology.class_name).toBe('Sequential');
    expect(topology.config.name).toBe('every_layer');
    expect(typeof topology.keras_version).toBe('string');
    expect(topology.backend).toBe('tensor_flow.js');
    const [input, conv] = topology.config.layers;
    expect(input).toEqual({ class_name: 'InputLayer', config: { name: 'pixels', trainable: true, dtype: 'float32', batch_input_shape: [null, 9, 9, 2] } });
    expect(conv.config).toMatchObject({
      kernel_size: [3, 2], strides: [2, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], use_bias: true,
      kernel_initializer: { class_name: 'HeNormal', config: { seed: null } },
      bias_initializer: { class_name: 'Constant', config: { value: 0.1 } },
      kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.02 } },
    });
    const dense = topology.config.layers[9].config;
    expect(dense.kernel_initializer).toEqual({ class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 3 } });
    // No camelCase key anywhere in the topology.
    const keys: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) keys.push(k), walk(child);
    };
    walk(topology);
    expect(keys.filter((k) => /[A-Z]/.test(k))).toEqual([]);
    const weights = json.weightsManifest[0].weights;
    expect(weights.map((w) => w.name)).toEqual(model.weights.map((w) => w.name));
    expect(weights.every((w) => w.dtype === 'float32' && w.group === undefined)).toBe(true);
  });

  test('toJSON / fromJSON carry the topology alone, as an object or a string', () => {
    const model = everyLayerModel();
    const json = model.toJSON();
    expect(JSON.parse(JSON.stringify(model))).toEqual(json);
    expect(json.config.layers[1].config.batch_input_shape).toBeUndefined();
    for (const source of [json, JSON.stringify(json)]) {
      const copy = Sequential.fromJSON(source);
      expect(copy.getConfig()).toEqual(model.getConfig());
      expect(copy.summary({ print: false })).toBe(model.summary({ print: false }));
    }
    expect(() => Sequential.fromJSON('{"class_name": "Sequential", "config": ')).toThrow(ValueError);
    expect(() => Sequential.fromJSON('{"class_name": "Sequential", "config": ')).toThrow(/^Sequential\.fromJSON: not valid JSON/);
  });

  test('loaded layers keep their names, and layers created afterwards do not collide with them', async () => {
    const dir = tempDir();
    const saved = new Sequential({ layers: [new Dense({ units: 3, inputShape: [2], name: 'dense_41' }), new Dense({ units: 2, name: 'dense_42' })] });
    await saved.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.layers.map((l) => l.name)).toEqual(['dense_41', 'dense_42']);
    const extra = new Dense({ units: 1 });
    expect(extra.name).toBe('dense_43');
    loaded.add(extra);
    expect(loaded.outputShape).toEqual([null, 1]);
  });

  test('saving again replaces the shards: the old ones are deleted, identical content keeps its file', async () => {
    const dir = tempDir();
    const model = denseModel();
    await model.save(dir);
    const first = readModelJson(dir).weightsManifest[0].paths;
    await model.save(dir);
    expect(readModelJson(dir).weightsManifest[0].paths).toEqual(first);
    model.setWeights(model.getWeights().map((w) => randomValues(w.shape, 8)));
    await model.save(dir);
    const second = readModelJson(dir).weightsManifest[0].paths;
    expect(second).not.toEqual(first);
    expect(readdirSync(dir).sort()).toEqual([...second, 'model.json'].sort());
    expectSameWeights(weightValues(await loadModel(dir)), weightValues(model));
  });

  test('a model built by build() rather than an inputShape saves its input shape on the first layer', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 3, activation: 'relu' }), new Dense({ units: 2 })] });
    model.build([null, 5]);
    expect(model.toJSON().config.layers[0].config.batch_input_shape).toEqual([null, 5]);
    const dir = tempDir();
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.inputShape).toEqual([null, 5]);
    expectSameWeights(weightValues(loaded), weightValues(model));
    expect(loaded.summary({ print: false })).toBe(model.summary({ print: false }));
  });

  test('an unbuilt model cannot be saved: it has no weights yet', async () => {
    const model = new Sequential({ name: 'unbuilt', layers: [new Dense({ units: 2 })] });
    await expect(model.save(tempDir())).rejects.toThrow(new ValueError("save: Sequential 'unbuilt' is not built, so it has no weights yet; give the first layer an inputShape, or call build(), fit() or predict() first"));
  });
});
