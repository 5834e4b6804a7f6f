import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ones, setSeed, ValueError } from '@strata/core';
import { BatchNormalization, Dense, Dropout } from '@strata/layers';
import { Adam, LambdaCallback, loadModel, ModelCheckpoint, Sequential } from '@strata/models';
import { blobs } from '../helpers/models';
import { cleanup, expectSameWeights, sameWeights, tempDir, weightValues } from './helpers';

afterAll(cleanup);

const EPOCHS = 4;
const STOP = 2;
const fitOptions = { batchSize: 8, shuffle: true, seed: 21, verbose: 0 as const, validationSplit: 0.25 };

/** Dense -> BatchNormalization -> Dropout (no seed: its generator comes from the global one) -> Dense. */
function model(): Sequential {
  return new Sequential({
    layers: [
      new Dense({ units: 12, activation: 'relu', inputShape: [4] }),
      new BatchNormalization({ momentum: 0.9 }),
      new Dropout({ rate: 0.4 }),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

describe('exact resume from a checkpoint', () => {
  test('a run stopped after epoch 2 and resumed from its checkpoint ends with bit-identical weights', async () => {
    const { x, labels } = blobs(40, 3);
    const dir = tempDir();

    // The uninterrupted run, checkpointing every epoch.
    setSeed(99);
    const full = model();
    full.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const checkpoint = new ModelCheckpoint({ filepath: join(dir, 'epoch-{epoch:02d}') });
    const fullHistory = await full.fit(x, labels, { ...fitOptions, epochs: EPOCHS, callbacks: [checkpoint] });
    for (let e = 1; e <= EPOCHS; e++) expect(existsSync(join(dir, `epoch-0${e}`, 'model.json'))).toBe(true);

    // Another process, in effect: a different global seed, then resume from the epoch-2 checkpoint.
    setSeed(12345);
    const resumed = await loadModel(join(dir, `epoch-0${STOP}`));
    const history = await resumed.fit(x, labels, { ...fitOptions, epochs: EPOCHS, initialEpoch: STOP });

    expect(history.epoch).toEqual([2, 3]);
    expect(history.history).toEqual(Object.fromEntries(Object.entries(fullHistory.history).map(([k, v]) => [k, v.slice(STOP)])));
    expectSameWeights(weightValues(resumed), weightValues(full));
    expect(resumed.optimizer?.getState()).toEqual(full.optimizer?.getState());
  });

  test('a run saved mid-epoch (after batch 2 of epoch 2) resumes with initialStep to bit-identical weights', async () => {
    const { x, labels } = blobs(40, 3);
    const dir = tempDir();
    const compiled = (): Sequential => {
      setSeed(99);
      const m = model();
      m.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      return m;
    };
    const full = compiled();
    await full.fit(x, labels, { ...fitOptions, epochs: EPOCHS });

    // 30 training samples in batches of 8: 4 steps per epoch. Save once batch index 1 of epoch 1 is done.
    const stopped = compiled();
    let epochNow = 0;
    const stopper = new LambdaCallback({
      onEpochBegin: (e) => void (epochNow = e),
      onBatchEnd: async (b) => {
        if (epochNow === 1 && b === 1) {
          await stopped.save(join(dir, 'mid'), { includeOptimizer: true });
          stopped.stopTraining = true;
        }
      },
    });
    await stopped.fit(x, labels, { ...fitOptions, epochs: EPOCHS, callbacks: [stopper] });

    setSeed(12345);
    const resumed = await loadModel(join(dir, 'mid'));
    await expect(resumed.fit(x, labels, { ...fitOptions, epochs: EPOCHS, initialEpoch: 1, initialStep: 5 })).rejects.toThrow(
      new ValueError('fit: initialStep = 5 but an epoch has only 4 batches of 8'),
    );
    const history = await resumed.fit(x, labels, { ...fitOptions, epochs: EPOCHS, initialEpoch: 1, initialStep: 2 });
    expect(history.epoch).toEqual([1, 2, 3]);
    expectSameWeights(weightValues(resumed), weightValues(full));
    // Both runs built their own layers, so the slot names differ (dense_2 / dense_4); the values may not.
    const state = (m: Sequential) => ({ ...m.optimizer!.getState(), slots: Object.values(m.optimizer!.getState().slots) });
    expect(state(resumed)).toEqual(state(full));
  });

  test('the checkpoint is what makes it exact: a weights-only checkpoint resumes differently', async () => {
    const { x, labels } = blobs(40, 3);
    const dir = tempDir();
    setSeed(99);
    const full = model();
    full.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
    await full.fit(x, labels, { ...fitOptions, epochs: EPOCHS, callbacks: [new ModelCheckpoint({ filepath: join(dir, 'epoch-{epoch}'), saveWeightsOnly: true })] });

    const resumed = await loadModel(join(dir, `epoch-${STOP}`));
    // Compiled from the saved trainingConfig, but with a fresh optimizer: no moments, no step count.
    expect(resumed.optimizer?.iterations).toBe(0);
    resumed.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
    await resumed.fit(x, labels, { ...fitOptions, epochs: EPOCHS, initialEpoch: STOP });
    expect(sameWeights(weightValues(resumed), weightValues(full))).toBe(false);
  });

  test("a Dropout layer's generator state continues its mask sequence; a malformed state is refused", () => {
    const a = new Dropout({ rate: 0.5, name: 'drop_state' });
    const x = ones([4, 6]);
    a.apply(x, { training: true });
    const state = a.getRngState();
    const b = new Dropout({ rate: 0.5 });
    b.setRngState(state);
    expect(Array.from(b.apply(x, { training: true }).values)).toEqual(Array.from(a.apply(x, { training: true }).values));
    expect(() => a.setRngState({ c: 1, s0: 2, s1: 0, s2: 0 })).toThrow(new ValueError(
      "Dropout 'drop_state': setRngState: expected a generator state { c (an integer in [0, 2091639]), s0, s1, s2 (in [0, 1)) }, " +
      'got {"c":1,"s0":2,"s1":0,"s2":0}',
    ));
    // A carry no Alea state reaches (a hand-edited checkpoint) is refused before any mask is drawn.
    expect(() => a.setRngState({ c: 2 ** 40, s0: 0.5, s1: 0.5, s2: 0.5 })).toThrow(ValueError);
    expect(Array.from(b.apply(x, { training: true }).values)).toEqual(Array.from(a.apply(x, { training: true }).values));
  });

  test('shuffling depends on (seed, epoch) only: epoch 3 of a fresh fit is epoch 3 of a long one', async () => {
    const { x, labels } = blobs(24, 5);
    const seen = async (initialEpoch: number): Promise<number[][]> => {
      const m = new Sequential({ layers: [new Dense({ units: 5, inputShape: [4] }), new Dense({ units: 3, activation: 'softmax' })] });
      m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
      const firsts: number[][] = [];
      const layer = m.layers[0];
      const apply = layer.apply.bind(layer);
      layer.apply = (input, args) => {
        if (args?.training) firsts.push(Array.from(input.values.slice(0, 4)));
        return apply(input, args);
      };
      await m.fit(x, labels, { epochs: 4, initialEpoch, batchSize: 24, seed: 'fixed', verbose: 0 });
      return firsts;
    };
    const long = await seen(0);
    expect(long).toHaveLength(4);
    expect(await seen(3)).toEqual(long.slice(3));
    expect(long[3]).not.toEqual(long[2]);
  });
});
