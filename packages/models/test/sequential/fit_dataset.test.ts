import { setSeed, tensor, type Tensor } from '@strata/core';
import { Adam, Sequential, type DatasetBatch } from '@strata/models';
import { Dense } from '@strata/layers';
import { blobs, classifier, snapshot } from '../helpers/models';

function batchesOf(x: Tensor, y: Tensor, size: number): DatasetBatch[] {
  const out: DatasetBatch[] = [];
  const n = x.shape[0];
  for (let s = 0; s < n; s += size) {
    const k = Math.min(size, n - s);
    out.push({ xs: tensor(x.values.slice(s * 4, (s + k) * 4), [k, 4]), ys: tensor(y.values.slice(s, s + k), [k]) });
  }
  return out;
}

function compiled(): Sequential {
  setSeed(4);
  const model = classifier();
  model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

describe('fitDataset', () => {
  const { x, labels } = blobs(48, 21);
  const batches = batchesOf(x, labels, 8);

  test('streams an async generator, fresh per epoch, and learns', async () => {
    const model = compiled();
    let opened = 0;
    async function* stream(): AsyncGenerator<DatasetBatch> {
      opened++;
      for (const b of batches) {
        await new Promise((r) => setTimeout(r, 0)); // data arriving asynchronously
        yield b;
      }
    }
    const history = await model.fitDataset(stream, { epochs: 15, verbose: 0, validationData: [x, labels] });
    expect(opened).toBe(15);
    expect(model.optimizer?.iterations).toBe(15 * 6);
    expect(history.history.loss[14]).toBeLessThan(history.history.loss[0]);
    expect(history.history.val_accuracy[14]).toBeGreaterThan(0.8);
  });

  test('a one-shot generator object cannot serve several epochs (checked before training)', async () => {
    const model = compiled();
    async function* once(): AsyncGenerator<DatasetBatch> {
      yield* batches;
    }
    await expect(model.fitDataset(once(), { epochs: 2, verbose: 0 })).rejects.toThrow(/the dataset is a one-shot iterator .* but 2 epochs were asked for; pass a function returning a fresh iterable per epoch/);
    expect(model.optimizer?.iterations).toBe(0);
    const history = await model.fitDataset(once(), { epochs: 1, verbose: 0 });
    expect(history.epoch).toEqual([0]);
  });

  test('batchesPerEpoch shares one iterator across epochs and stops when it runs dry', async () => {
    const model = compiled();
    const history = await model.fitDataset(batches.slice(0, 5), { epochs: 10, batchesPerEpoch: 2, verbose: 0 });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(model.optimizer?.iterations).toBe(5);
  });

  test('validation batches as a dataset give the same val metrics as the arrays', async () => {
    const a = compiled();
    const h = await a.fitDataset(() => batches, { epochs: 1, verbose: 0, validationData: () => batchesOf(x, labels, 16) });
    const logs = a.evaluate(x, labels);
    expect(h.history.val_loss[0]).toBeCloseTo(logs.loss, 6);
    expect(h.history.val_accuracy[0]).toBeCloseTo(logs.accuracy, 6);
  });

  test('every batch is checked before it trains; the error names the batch', async () => {
    const model = compiled();
    const bad = [batches[0], { xs: batches[1].xs, ys: tensor([0, 1, 2, 3, 0, 1, 2, 0]) }];
    await expect(model.fitDataset(bad, { epochs: 1, verbose: 0 })).rejects.toThrow(/fitDataset: batch 1 ys\[3\] = 3 is not an integer class index in \[0, 3\)/);
    expect(model.optimizer?.iterations).toBe(1);
    const weights = snapshot(model);
    await expect(model.fitDataset([{ xs: batches[0].xs, ys: tensor([0, 1]) }], { epochs: 1, verbose: 0 })).rejects.toThrow(/batch 0 xs has 8 samples .* but batch 0 ys has 2/);
    expect(snapshot(model)).toEqual(weights);
  });
});

describe('fitDataset iterable opening', () => {
  test('each epoch opens a reusable iterable exactly once', async () => {
    let opened = 0;
    const dataset = {
      [Symbol.asyncIterator]: async function* () {
        opened++;
        yield { xs: tensor([[0, 1], [1, 0]]), ys: tensor([[1], [0]]) };
      },
    };
    const model = new Sequential({ layers: [new Dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await model.fitDataset(dataset, { epochs: 3, verbose: 0 });
    expect(opened).toBe(3);
  });
});
