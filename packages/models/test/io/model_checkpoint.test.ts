import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mul, setSeed, ValueError } from '@strata/core';
import { LambdaCallback, loadModel, ModelCheckpoint, type Sequential } from '@strata/models';
import { blobs } from '../helpers/models';
import { cleanup, denseModel, readModelJson, tempDir, expectSameWeights, weightValues } from './helpers';

afterAll(cleanup);

function compiled(): Sequential {
  setSeed(3);
  const model = denseModel();
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

describe('ModelCheckpoint', () => {
  test('fills {epoch} 1-based and metric placeholders with Python format specs, as Keras', () => {
    const cb = new ModelCheckpoint({ filepath: 'ckpt/model-{epoch:03d}-{val_loss:.4f}-{loss:.2e}-{accuracy}' });
    expect(cb.pathFor(6, { val_loss: 0.123456, loss: 0.0000123, accuracy: 0.5 })).toBe('ckpt/model-007-0.1235-1.23e-05-0.5');
    expect(new ModelCheckpoint({ filepath: 'e{epoch:4d}' }).pathFor(0, {})).toBe('e   1');
    expect(() => cb.pathFor(0, { loss: 1 })).toThrow(new ValueError(
      "ModelCheckpoint: filepath 'ckpt/model-{epoch:03d}-{val_loss:.4f}-{loss:.2e}-{accuracy}' uses {val_loss}, which is not in the logs; available: epoch, loss",
    ));
    expect(() => new ModelCheckpoint({ filepath: 'm-{epoch:>5}' })).toThrow(new ValueError(
      "ModelCheckpoint: unsupported format spec '{epoch:>5}' in filepath; use e.g. {epoch:02d}, {val_loss:.4f}, {loss:.2e}",
    ));
    expect(() => new ModelCheckpoint({ filepath: '' })).toThrow(ValueError);
  });

  test('saves every epoch (with the optimizer by default); the files load back as the model was then', async () => {
    const model = compiled();
    const { x, labels } = blobs(16, 2);
    const dir = tempDir();
    const atEpoch: Float32Array[][] = [];
    const cb = new ModelCheckpoint({ filepath: join(dir, 'm-{epoch}-{loss:.3f}') });
    const snapshot = new LambdaCallback({ onEpochEnd: () => void atEpoch.push(weightValues(model)) });
    const history = await model.fit(x, labels, { epochs: 3, batchSize: 8, verbose: 0, callbacks: [snapshot, cb] });
    const names = history.history.loss.map((l, i) => `m-${i + 1}-${l.toFixed(3)}`);
    expect(readdirSync(dir).sort()).toEqual(names.sort());
    expect(cb.lastSaved).toBe(join(dir, names[2]));
    for (const [i, name] of names.entries()) {
      expect(readModelJson(join(dir, name)).trainingConfig).toBeDefined();
      expectSameWeights(weightValues(await loadModel(join(dir, name))), atEpoch[i]);
    }
  });

  test("saveBestOnly saves only improvements of the monitor ('max' for accuracy), into one path", async () => {
    const model = compiled();
    const dir = join(tempDir(), 'best');
    const cb = new ModelCheckpoint({ filepath: dir, monitor: 'val_accuracy', saveBestOnly: true, saveWeightsOnly: true });
    cb.setModel(model);
    await cb.onEpochEnd(0, { val_accuracy: 0.5 });
    const first = weightValues(model);
    model.setWeights(model.getWeights().map((w) => mul(w, 2)));
    await cb.onEpochEnd(1, { val_accuracy: 0.4 });
    expectSameWeights(weightValues(await loadModel(dir)), first);
    expect(cb.best).toBe(0.5);
    await cb.onEpochEnd(2, { val_accuracy: 0.7 });
    expectSameWeights(weightValues(await loadModel(dir)), weightValues(model));
    // Weights only: the compile settings (as Keras's save) but no optimizer state.
    expect(readModelJson(dir).trainingConfig).toBeDefined();
    expect(readModelJson(dir).weightsManifest[0].weights.some((w) => w.group === 'optimizer')).toBe(false);
    expect(cb.best).toBe(0.7);
  });

  test('saveBestOnly with the monitor missing from the logs warns and skips, as Keras', async () => {
    const model = compiled();
    const dir = join(tempDir(), 'never');
    const cb = new ModelCheckpoint({ filepath: dir, saveBestOnly: true });
    cb.setModel(model);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await cb.onEpochEnd(0, { loss: 1 });
    expect(warn).toHaveBeenCalledWith("ModelCheckpoint: can save the best model only with 'val_loss' in the logs; skipping (available: loss)");
    warn.mockRestore();
    expect(existsSync(dir)).toBe(false);
  });
});
