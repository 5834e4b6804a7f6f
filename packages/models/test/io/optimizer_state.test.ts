import { readdirSync } from 'node:fs';
import { setSeed, StrataError, ValueError, type Tensor } from '@strata/core';
import {
  Adam, AdamW, CategoricalCrossentropy, exponentialDecay, loadModel, RMSprop, SGD, type Optimizer, type Sequential,
} from '@strata/models';
import { oneHotRows } from '../helpers/data';
import { blobs } from '../helpers/models';
import { cleanup, denseModel, readModelJson, tempDir } from './helpers';

afterAll(cleanup);

/** A few updates, so every slot holds non-trivial values. */
async function trained(optimizer: Optimizer, loss: string | CategoricalCrossentropy = 'sparseCategoricalCrossentropy'): Promise<{ model: Sequential; x: Tensor; y: Tensor }> {
  setSeed(5);
  const model = denseModel();
  model.compile({ optimizer, loss, metrics: ['accuracy'] });
  const { x, labels } = blobs(16, 4);
  const y = loss instanceof CategoricalCrossentropy ? oneHotRows(labels.values, 3) : labels;
  await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 1 });
  return { model, x, y };
}

async function roundTrip(model: Sequential): Promise<Sequential> {
  const dir = tempDir();
  await model.save(dir, { includeOptimizer: true });
  return loadModel(dir);
}

describe('save and load: compile settings and optimizer state', () => {
  test('Adam: the trainingConfig and optimizer weights are written as TensorFlow.js writes them', async () => {
    const { model } = await trained(new Adam({ learningRate: 0.01 }));
    const dir = tempDir();
    await model.save(dir, { includeOptimizer: true });
    const json = readModelJson(dir);
    expect(json.trainingConfig).toEqual({
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer_config: {
        class_name: 'Adam',
        config: {
          name: 'adam', learning_rate: 0.01, weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null,
          beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false,
        },
      },
    });
    const specs = json.weightsManifest[0].weights.filter((w) => w.group === 'optimizer');
    const vars = model.trainableWeights.map((v) => v.name);
    expect(specs.map((w) => w.name)).toEqual(['iter', ...vars.map((n) => `${n}/m`), ...vars.map((n) => `${n}/v`)]);
    expect(specs[0]).toEqual({ name: 'iter', shape: [], dtype: 'int32', group: 'optimizer' });
    expect(json.strata).toEqual({ dropoutRngStates: {} });
  });

  test('Adam: the loaded model is compiled with the same optimizer, state, loss and metrics', async () => {
    const { model, x, y } = await trained(new Adam({ learningRate: 0.01, amsgrad: true }));
    const loaded = await roundTrip(model);
    const optimizer = loaded.optimizer as Optimizer;
    expect(optimizer).toBeInstanceOf(Adam);
    expect(optimizer.getConfig()).toEqual(model.optimizer?.getConfig());
    expect(optimizer.getState()).toEqual(model.optimizer?.getState());
    expect(optimizer.iterations).toBe(4);
    expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
    // One more identical step on both gives identical weights: the state is really in use.
    model.trainOnBatch(x, y);
    loaded.trainOnBatch(x, y);
    expect(loaded.getWeights().map((w) => Array.from(w.values))).toEqual(model.getWeights().map((w) => Array.from(w.values)));
  });

  test.each([
    ['SGD with Nesterov momentum and clipnorm', () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true, clipNorm: 1 })],
    ['centered RMSprop with momentum', () => new RMSprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5, centered: true })],
    ['AdamW on an exponential-decay schedule', () => new AdamW({ learningRate: exponentialDecay({ initialLearningRate: 0.01, decaySteps: 3, decayRate: 0.5 }), globalClipNorm: 2 })],
  ])('%s: class, config and every slot survive', async (_, make) => {
    const { model } = await trained(make());
    const loaded = await roundTrip(model);
    const original = model.optimizer as Optimizer;
    expect((loaded.optimizer as Optimizer).className).toBe(original.className);
    expect(loaded.optimizer?.getConfig()).toEqual(original.getConfig());
    expect(loaded.optimizer?.getState()).toEqual(original.getState());
    expect(loaded.optimizer?.learningRate).toBe(original.learningRate);
  });

  test('a loss with non-default arguments is written as { class_name, config } and restored', async () => {
    const loss = new CategoricalCrossentropy({ labelSmoothing: 0.1 });
    const { model, x, y } = await trained(new Adam(), loss);
    const dir = tempDir();
    await model.save(dir, { includeOptimizer: true });
    expect((readModelJson(dir).trainingConfig as { loss: unknown }).loss).toEqual({ class_name: 'CategoricalCrossentropy', config: { from_logits: false, label_smoothing: 0.1 } });
    const loaded = await loadModel(dir);
    expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
  });

  test('compile: false loads the weights only; a plain save has the training config but no optimizer state', async () => {
    const { model } = await trained(new Adam());
    const dir = tempDir();
    await model.save(dir, { includeOptimizer: true });
    expect((await loadModel(dir, { compile: false })).optimizer).toBeNull();
    await model.save(dir);
    const json = readModelJson(dir);
    expect(json.trainingConfig).toBeDefined();
    expect(json.weightsManifest[0].weights.some((w) => w.group === 'optimizer')).toBe(false);
    const loaded = await loadModel(dir);
    expect(loaded.optimizer).toBeInstanceOf(Adam);
    expect(loaded.optimizer?.iterations).toBe(0);
    expect((await loadModel(dir, { compile: false })).optimizer).toBeNull();
  });

  test('what cannot be saved is refused before anything is written', async () => {
    const model = denseModel();
    const dir = tempDir();
    await expect(model.save(dir, { includeOptimizer: true })).rejects.toThrow(StrataError);
    await expect(model.save(dir, { includeOptimizer: true })).rejects.toThrow(/^save: Sequential '.*': includeOptimizer needs a compiled model/);
    model.compile({ optimizer: 'sgd', loss: function pinball() { throw new Error('unused'); } });
    await expect(model.save(dir, { includeOptimizer: true })).rejects.toThrow(new ValueError(
      `save: Sequential '${model.name}': the loss 'pinball' is a custom function and cannot be written to trainingConfig; save with includeOptimizer: false, or compile with a built-in loss`,
    ));
    expect(readdirSync(dir)).toEqual([]);
    await model.save(dir);
    expect(readModelJson(dir).trainingConfig).toBeUndefined();
  });
});
