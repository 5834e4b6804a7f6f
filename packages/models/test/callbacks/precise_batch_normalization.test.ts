import { setSeed, tensor, ValueError, type Tensor } from '@strata/core';
import { BatchNormalization, Conv2D, Dense, Dropout, Flatten } from '@strata/layers';
import { estimateBatchNormStatistics, LambdaCallback, PreciseBatchNormalization, Sequential, type DatasetBatch, type Logs } from '@strata/models';
import { barImages, oneHotRows } from '../helpers/data';

/**
 * A small CNN with BatchNormalization on the channel axis, on a spatial axis (axis 1) and after
 * Flatten, and dropout in between: every path of the statistics pass. Same seed, same weights.
 */
function bnModel(): Sequential {
  setSeed(5);
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: [3, 3], activation: 'relu', inputShape: [8, 8, 1] }),
      new BatchNormalization(),
      new BatchNormalization({ axis: 1 }),
      new Dropout({ rate: 0.3, seed: 3 }),
      new Flatten(),
      new BatchNormalization(),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const train = barImages(160, 8, 1);
const trainY = oneHotRows(train.labels, 2);
const val = barImages(48, 8, 2);
const valY = oneHotRows(val.labels, 2);

/** Records each epoch's logs as `onEpochEnd` sees them. */
function recorder(): { callback: LambdaCallback; epochs: Logs[] } {
  const epochs: Logs[] = [];
  return { epochs, callback: new LambdaCallback({ onEpochEnd: (_e, logs) => void epochs.push({ ...logs }) }) };
}

const values = (ts: readonly Tensor[]): number[][] => ts.map((t) => Array.from(t.dataSync()));
const movingStatistics = (model: Sequential): number[][] =>
  model.layers.filter((l): l is BatchNormalization => l instanceof BatchNormalization).flatMap((l) => [Array.from(l.movingMean!.dataSync()), Array.from(l.movingVariance!.dataSync())]);
const optimizerSlots = (model: Sequential): number[][] =>
  Object.values(model.optimizer!.getState().slots).flatMap((s) => Object.values(s).map((v) => Array.from(v)));

describe('PreciseBatchNormalization', () => {
  test('validation during fit scores what the model scores after a manual estimateBatchNormStatistics', async () => {
    // 2 epochs of 10 batches of 16 (20 steps), unshuffled so the epoch's batches are x's slices of 16.
    const withCallback = bnModel();
    const seen = recorder();
    await withCallback.fit(train.x, trainY, {
      epochs: 2, batchSize: 16, shuffle: false, verbose: 0, validationData: [val.x, valY],
      callbacks: [new PreciseBatchNormalization(), seen.callback],
    });
    const plain = bnModel();
    const plainHistory = await plain.fit(train.x, trainY, { epochs: 2, batchSize: 16, shuffle: false, verbose: 0, validationData: [val.x, valY] });
    estimateBatchNormStatistics(plain, train.x, { batchSize: 16 });
    const manual = plain.evaluate(val.x, valY, { batchSize: 16 }); // fit validates in batches of its batchSize

    expect(seen.epochs.map((l) => l.bn_recalibrated)).toEqual([true, true]);
    expect(seen.epochs[1].val_accuracy).toBe(manual.accuracy);
    expect(seen.epochs[1].val_loss).toBe(manual.loss);
    // ... and not what plain fit reports with the momentum statistics.
    expect(plainHistory.history.val_loss[1]).not.toBeCloseTo(manual.loss, 3);
    // Same trained weights, same optimizer state, same statistics: the callback changed nothing else.
    expect(values(withCallback.getWeights())).toEqual(values(plain.getWeights()));
    expect(optimizerSlots(withCallback)).toEqual(optimizerSlots(plain));
    expect(withCallback.optimizer!.getState().iterations).toBe(20);
    expect(plain.optimizer!.getState().iterations).toBe(20);
  });

  test('the statistics are the exact size-weighted average of the batch statistics (float64 oracle, 1e-6)', async () => {
    const model = bnModel();
    await model.fit(train.x, trainY, { epochs: 1, batchSize: 32, verbose: 0 });
    // 25 rows in batches of 10, 10 and 5: the last, smaller batch must weigh half.
    const x = barImages(25, 8, 9).x;
    const callback = new PreciseBatchNormalization({ data: x, batchSize: 10, batches: 3 });
    const trainable = values(model.trainableWeights);
    const optimizerState = optimizerSlots(model);
    callback.setModel(model);
    callback.setParams({ epochs: 1, steps: 5, verbose: 0 });
    callback.onTrainBegin({});
    const logs: Logs = { loss: 1 };
    await callback.onEpochTrainEnd(0, logs);
    expect(logs).toEqual({ loss: 1, bn_recalibrated: true });
    const got = movingStatistics(model);
    expect(values(model.trainableWeights)).toEqual(trainable);
    expect(optimizerSlots(model)).toEqual(optimizerState);

    // The oracle: each BatchNormalization's input, batch by batch (earlier ones normalising with
    // batch statistics, dropout off), and its per-channel moments summed in float64 here.
    const expected: number[][] = [];
    const sums = new Map<BatchNormalization, { mean: number[]; variance: number[] }>();
    for (const [start, size] of [[0, 10], [10, 10], [20, 5]]) {
      const rows = Array.from(x.dataSync().subarray(start * 64, (start + size) * 64));
      let h: Tensor = tensor(Float32Array.from(rows), [size, 8, 8, 1]);
      for (const layer of model.layers) {
        if (layer instanceof BatchNormalization) {
          const axis = layer.axis < 0 ? layer.axis + h.rank : layer.axis;
          const channels = h.shape[axis];
          const inner = h.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
          const v = Array.from(h.dataSync());
          const channelOf = (i: number): number => Math.floor(i / inner) % channels;
          const mean = new Array<number>(channels).fill(0);
          const sq = new Array<number>(channels).fill(0);
          v.forEach((a, i) => (mean[channelOf(i)] += a));
          const count = v.length / channels;
          for (let c = 0; c < channels; c++) mean[c] /= count;
          v.forEach((a, i) => (sq[channelOf(i)] += (a - mean[channelOf(i)]) ** 2));
          const s = sums.get(layer) ?? { mean: new Array<number>(channels).fill(0), variance: new Array<number>(channels).fill(0) };
          for (let c = 0; c < channels; c++) {
            s.mean[c] += (mean[c] * size) / 25;
            s.variance[c] += ((sq[c] / count) * size) / 25;
          }
          sums.set(layer, s);
        }
        h = layer.apply(h, { training: layer instanceof BatchNormalization });
      }
    }
    for (const s of sums.values()) expected.push(s.mean, s.variance);
    expect(got.map((a) => a.length)).toEqual(expected.map((a) => a.length));
    got.forEach((a, i) => a.forEach((g, c) => expect(Math.abs(g - expected[i][c])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i][c])))));
  });

  test('works with fitDataset: re-reads a reusable dataset, or uses `data`', async () => {
    const batches: DatasetBatch[] = [];
    for (let i = 0; i < 160; i += 16) {
      const idx = Array.from({ length: 16 }, (_, k) => i + k);
      batches.push({
        xs: tensor(Float32Array.from(idx.flatMap((r) => Array.from(train.x.dataSync().subarray(r * 64, r * 64 + 64)))), [16, 8, 8, 1]),
        ys: tensor(Float32Array.from(idx.flatMap((r) => Array.from(trainY.dataSync().subarray(r * 2, r * 2 + 2)))), [16, 2]),
      });
    }
    const model = bnModel();
    const seen = recorder();
    await model.fitDataset(() => batches, { epochs: 2, verbose: 0, validationData: [val.x, valY], callbacks: [new PreciseBatchNormalization({ batches: 4 }), seen.callback] });
    expect(seen.epochs.map((l) => l.bn_recalibrated)).toEqual([true, true]);
    // The first 4 batches of the epoch: x's first 64 rows in slices of 16.
    const stats = movingStatistics(model);
    const check = bnModel();
    await check.fitDataset(() => batches, { epochs: 2, verbose: 0 });
    const first64 = tensor(train.x.dataSync().slice(0, 64 * 64), [64, 8, 8, 1]);
    estimateBatchNormStatistics(check, first64, { batchSize: 16 });
    expect(stats).toEqual(movingStatistics(check));

    // A one-shot generator cannot be read twice: the callback says so before training, unless given data.
    async function* once(): AsyncGenerator<DatasetBatch> {
      yield* batches;
    }
    const oneShot = bnModel();
    const before = values(oneShot.getWeights());
    await expect(oneShot.fitDataset(once(), { verbose: 0, callbacks: [new PreciseBatchNormalization()] })).rejects.toThrow(ValueError);
    expect(values(oneShot.getWeights())).toEqual(before);
    const logged = recorder();
    await oneShot.fitDataset(once(), { verbose: 0, callbacks: [new PreciseBatchNormalization({ data: train.x }), logged.callback] });
    expect(logged.epochs[0].bn_recalibrated).toBe(true);
  });

  test('is not the default, and everyEpochs skips epochs but never the last', async () => {
    const plainLogs = recorder();
    const plain = bnModel();
    await plain.fit(train.x, trainY, { epochs: 1, batchSize: 32, verbose: 0, callbacks: [plainLogs.callback] });
    expect(plainLogs.epochs[0]).not.toHaveProperty('bn_recalibrated');

    const seen = recorder();
    const model = bnModel();
    const history = await model.fit(train.x, trainY, { epochs: 3, batchSize: 32, verbose: 0, callbacks: [new PreciseBatchNormalization({ everyEpochs: 2, batches: 2 }), seen.callback] });
    expect(seen.epochs.map((l) => l.bn_recalibrated)).toEqual([undefined, true, true]);
    // History keeps the numbers only.
    expect(Object.keys(history.history).sort()).toEqual(['accuracy', 'loss']);
  });

  test('options are strict and checked at construction', () => {
    expect(() => new PreciseBatchNormalization({ batchs: 10 } as never)).toThrow(
      new ValueError("PreciseBatchNormalization: unknown option 'batchs'. Did you mean 'batches'?"),
    );
    expect(() => new PreciseBatchNormalization({ every_epochs: 2 } as never)).toThrow(/Did you mean 'everyEpochs'\?/);
    expect(() => new PreciseBatchNormalization({ momentum: 0.9 } as never)).toThrow(/unknown option 'momentum'. Valid options: batches, everyEpochs, data, batchSize/);
    expect(() => new PreciseBatchNormalization({ batches: 0 })).toThrow(new ValueError('PreciseBatchNormalization: batches must be a positive integer, got 0'));
    expect(() => new PreciseBatchNormalization({ everyEpochs: 1.5 })).toThrow(/everyEpochs must be a positive integer/);
    expect(() => new PreciseBatchNormalization({ data: 3 } as never)).toThrow(/data must be a Tensor of inputs or a dataset/);
  });

  test('a model without BatchNormalization is refused before training', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, activation: 'softmax', inputShape: [3] })] });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    await expect(model.fit(tensor([[1, 2, 3]]), tensor([[0, 1]]), { verbose: 0, callbacks: [new PreciseBatchNormalization()] })).rejects.toThrow(
      new ValueError('PreciseBatchNormalization: the model has no BatchNormalization layer to re-estimate'),
    );
  });
});
