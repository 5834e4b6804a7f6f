import { EarlyStopping } from '@strata/models';
import { FakeModel } from '../helpers/fake_model';

/** Feeds `values` as the monitored metric, epoch by epoch; the weight records the epoch. */
async function run(cb: EarlyStopping, values: number[], monitor = 'val_loss'): Promise<{ model: FakeModel; epochs: number }> {
  const model = new FakeModel();
  cb.setModel(model);
  await cb.onTrainBegin({});
  let epochs = 0;
  for (let epoch = 0; epoch < values.length && !model.stopTraining; epoch++) {
    model.weights = [epoch];
    await cb.onEpochEnd(epoch, { [monitor]: values[epoch] });
    epochs++;
  }
  await cb.onTrainEnd({});
  return { model, epochs };
}

describe('EarlyStopping', () => {
  test('stops after `patience` epochs without improvement', async () => {
    const cb = new EarlyStopping({ patience: 2 });
    const { epochs } = await run(cb, [1.0, 0.8, 0.9, 0.85, 0.7, 0.6]);
    expect(epochs).toBe(4);
    expect(cb.stoppedEpoch).toBe(3);
    expect(cb.bestEpoch).toBe(1);
  });

  test('restoreBestWeights sets the weights of the best epoch back', async () => {
    const { model } = await run(new EarlyStopping({ patience: 1, restoreBestWeights: true }), [1.0, 0.5, 0.9, 0.95]);
    expect(model.weights).toEqual([1]);
  });

  test('without restoreBestWeights the last weights stay', async () => {
    const { model } = await run(new EarlyStopping({ patience: 1 }), [1.0, 0.5, 0.9, 0.95]);
    expect(model.weights).toEqual([2]);
  });

  test('minDelta: smaller improvements do not count; mode max for accuracy', async () => {
    const { epochs } = await run(new EarlyStopping({ monitor: 'val_accuracy', minDelta: 0.05, patience: 1 }), [0.5, 0.52, 0.53, 0.9], 'val_accuracy');
    expect(epochs).toBe(2);
  });

  test('baseline: improvements that do not beat it keep counting towards patience', async () => {
    // Keras only stops on a non-improving epoch; with the baseline the wait is 3 by epoch 2.
    const values = [0.9, 0.8, 0.85, 0.7];
    expect((await run(new EarlyStopping({ patience: 2, baseline: 0.5 }), values)).epochs).toBe(3);
    expect((await run(new EarlyStopping({ patience: 2 }), values)).epochs).toBe(4);
  });

  test("mode 'auto' needs a recognisable metric name", () => {
    expect(() => new EarlyStopping({ monitor: 'val_f1' })).toThrow(/cannot tell whether 'val_f1' should be minimised or maximised; pass mode: 'min' or 'max'/);
  });
});
