import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setSeed, tensor, type Tensor } from '@strata/core';
import { Dense } from '@strata/layers';
import {
  Callback, CSVLogger, EarlyStopping, LambdaCallback, LearningRateScheduler, ProgbarLogger, ReduceLROnPlateau, Sequential, SGD, TerminateOnNaN,
  type Logs,
} from '@strata/models';
import { MemoryStream } from '../helpers/data';
import { blobs, classifier } from '../helpers/models';

function compiled(lr = 0.1): Sequential {
  setSeed(5);
  const model = classifier();
  model.compile({ optimizer: new SGD({ learningRate: lr }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const { x, labels } = blobs(24, 8);

describe('callbacks during fit', () => {
  test('hooks run in order with 0-based epochs and batches; batch logs hold the running means', async () => {
    const model = compiled();
    const calls: string[] = [];
    const batchLosses: number[] = [];
    const cb = new LambdaCallback({
      onTrainBegin: () => void calls.push('trainBegin'),
      onEpochBegin: (e) => void calls.push(`epochBegin ${e}`),
      onBatchBegin: (b) => void calls.push(`batchBegin ${b}`),
      onBatchEnd: async (b, logs) => {
        await new Promise((r) => setTimeout(r, 1)); // async hooks are awaited
        calls.push(`batchEnd ${b}`);
        batchLosses.push(logs.loss);
      },
      onEpochEnd: (e, logs) => void calls.push(`epochEnd ${e} ${Object.keys(logs).join(',')}`),
      onTrainEnd: () => void calls.push('trainEnd'),
    });
    const history = await model.fit(x, labels, { epochs: 2, batchSize: 12, callbacks: [cb], verbose: 0 });
    expect(calls).toEqual([
      'trainBegin',
      'epochBegin 0', 'batchBegin 0', 'batchEnd 0', 'batchBegin 1', 'batchEnd 1', 'epochEnd 0 loss,accuracy',
      'epochBegin 1', 'batchBegin 0', 'batchEnd 0', 'batchBegin 1', 'batchEnd 1', 'epochEnd 1 loss,accuracy',
      'trainEnd',
    ]);
    // The last batch's running mean over two equal batches is the epoch loss.
    expect(batchLosses[1]).toBeCloseTo(history.history.loss[0], 10);
  });

  test('stopTraining set from a callback ends training after the current batch', async () => {
    const model = compiled();
    const stopper = new LambdaCallback({ onBatchEnd: (b) => void (b === 2 && (model.stopTraining = true)) });
    const history = await model.fit(x, labels, { epochs: 5, batchSize: 4, callbacks: [stopper], verbose: 0 });
    expect(model.optimizer?.iterations).toBe(3);
    expect(history.epoch).toEqual([0]);
  });

  test('TerminateOnNaN stops at the first non-finite loss', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: new SGD({ learningRate: 1e20 }), loss: 'mse' });
    const terminate = new TerminateOnNaN();
    const big = tensor(Float32Array.from({ length: 8 }, () => 1e3), [8, 1]);
    const history = await model.fit(big, tensor(new Float32Array(8), [8, 1]), { epochs: 10, batchSize: 1, callbacks: [terminate], verbose: 0 });
    expect(terminate.terminatedAtBatch).not.toBeNull();
    expect(model.optimizer!.iterations).toBe(terminate.terminatedAtBatch! + 1);
    expect(history.epoch).toEqual([0]);
    expect(Number.isFinite(history.history.loss[0])).toBe(false);
  });

  test('EarlyStopping with restoreBestWeights restores the best epoch (inverted validation labels make it an early one)', async () => {
    const model = compiled(0.5);
    const inverted = tensor(Float32Array.from(labels.values, (c) => (c + 1) % 3), [24]);
    const perEpoch: Tensor[][] = [];
    const recorder = new LambdaCallback({ onEpochEnd: () => void perEpoch.push(model.getWeights()) });
    const stop = new EarlyStopping({ patience: 2, restoreBestWeights: true });
    const history = await model.fit(x, labels, { epochs: 20, batchSize: 8, validationData: [x, inverted], callbacks: [recorder, stop], verbose: 0 });
    const vl = history.history.val_loss;
    const best = vl.indexOf(Math.min(...vl));
    expect(history.epoch.length).toBeLessThan(20);
    expect(best).toBeLessThan(vl.length - 1);
    expect(stop.bestEpoch).toBe(best);
    expect(model.getWeights().map((w) => Array.from(w.values))).toEqual(perEpoch[best].map((w) => Array.from(w.values)));
  });

  test('ReduceLROnPlateau lowers the rate and logs it as learning_rate', async () => {
    const model = compiled();
    const reduce = new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 1, minDelta: 10 });
    const history = await model.fit(x, labels, { epochs: 4, batchSize: 8, callbacks: [reduce], verbose: 0 });
    expect(history.history.learning_rate).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect(model.optimizer!.learningRate).toBeCloseTo(0.0125, 12);
  });

  test('LearningRateScheduler sets the rate at each epoch start', async () => {
    const model = compiled();
    const rates: number[] = [];
    const probe = new LambdaCallback({ onBatchBegin: () => void rates.push(model.optimizer!.learningRate) });
    const scheduler = new LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr / 2));
    const history = await model.fit(x, labels, { epochs: 3, batchSize: 24, callbacks: [scheduler, probe], verbose: 0 });
    expect(rates).toEqual([0.1, 0.05, 0.025]);
    expect(history.history.learning_rate).toEqual([0.1, 0.05, 0.025]);
  });

  test('CSVLogger writes a header and one row per epoch; append adds rows without a second header', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'strata-csv-')), 'log.csv');
    const model = compiled();
    const h1 = await model.fit(x, labels, { epochs: 2, batchSize: 8, validationSplit: 0.25, callbacks: [new CSVLogger({ filename: file })], verbose: 0 });
    const row = (e: number, h: Record<string, number[]>, i: number) => [e, h.accuracy[i], h.loss[i], h.val_accuracy[i], h.val_loss[i]].join(';');
    expect(readFileSync(file, 'utf8').replaceAll(',', ';')).toBe(`epoch;accuracy;loss;val_accuracy;val_loss\n${row(0, h1.history, 0)}\n${row(1, h1.history, 1)}\n`);
    const h2 = await model.fit(x, labels, { epochs: 3, initialEpoch: 2, batchSize: 8, validationSplit: 0.25, callbacks: [new CSVLogger({ filename: file, separator: ';', append: true })], verbose: 0 });
    expect(readFileSync(file, 'utf8').split('\n').slice(3)).toEqual([row(2, h2.history, 0), '']);
  });

  test('verbose output goes through a ProgbarLogger given in callbacks (non-TTY: a line per epoch)', async () => {
    const model = compiled();
    const stream = new MemoryStream(false);
    await model.fit(x, labels, { epochs: 2, batchSize: 8, validationSplit: 0.25, callbacks: [new ProgbarLogger({ stream })] });
    const lines = stream.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Epoch 1\/2 - 3\/3 - \d+s \d+(us|ms|s)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
    expect(lines[1]).toMatch(/^Epoch 2\/2 - 3\/3 - /);
  });

  test('a custom Callback subclass sees the model and the run parameters', async () => {
    class Params extends Callback {
      seen: unknown = null;
      override onTrainBegin(_logs: Logs): void {
        this.seen = { ...this.params, model: this.model };
      }
    }
    const model = compiled();
    const cb = new Params();
    await model.fit(x, labels, { epochs: 2, batchSize: 5, callbacks: [cb], verbose: 0 });
    expect(cb.seen).toEqual({ epochs: 2, steps: 5, verbose: 0, model });
  });
});
