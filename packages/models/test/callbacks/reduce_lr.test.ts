import { exponentialDecay, ReduceLROnPlateau, SGD } from '@strata/models';
import { FakeModel } from '../helpers/fake_model';

async function run(cb: ReduceLROnPlateau, values: number[]): Promise<{ lrs: number[]; logged: number[] }> {
  const model = new FakeModel();
  cb.setModel(model);
  await cb.onTrainBegin({});
  const lrs: number[] = [];
  const logged: number[] = [];
  for (let epoch = 0; epoch < values.length; epoch++) {
    const logs: Record<string, number> = { val_loss: values[epoch] };
    await cb.onEpochEnd(epoch, logs);
    lrs.push(model.optimizer.learningRate);
    logged.push(logs.learning_rate);
  }
  return { lrs, logged };
}

describe('ReduceLROnPlateau', () => {
  test('multiplies the rate by factor after patience epochs without improvement, down to minLr', async () => {
    const { lrs, logged } = await run(new ReduceLROnPlateau({ factor: 0.5, patience: 2, minLr: 0.02 }), [1, 1, 1, 1, 1, 1, 1]);
    expect(lrs.map((v) => +v.toFixed(6))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02]);
    expect(logged[0]).toBe(0.1); // the rate in force during the epoch, as Keras 3 logs it
  });

  test('improvements larger than minDelta reset the wait; cooldown pauses counting', async () => {
    const { lrs } = await run(new ReduceLROnPlateau({ factor: 0.1, patience: 1, cooldown: 2, minDelta: 0.01 }), [1, 0.5, 0.495, 0.6, 0.6, 0.6]);
    // Epoch 2: 0.495 is not 0.01 better -> reduce, cooldown 2. Epoch 3 counts the cooldown down
    // to 1, epoch 4 to 0 and, as in Keras, may then count and reduce in that same epoch.
    expect(lrs.map((v) => +v.toPrecision(6))).toEqual([0.1, 0.1, 0.01, 0.01, 0.001, 0.001]);
  });

  test('factor must be below 1; a scheduled optimizer cannot be reduced', async () => {
    expect(() => new ReduceLROnPlateau({ factor: 1.5 })).toThrow(/factor must be in \[0, 1\)/);
    const model = new FakeModel();
    model.optimizer = new SGD({ learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.9 }) });
    const cb = new ReduceLROnPlateau({ patience: 0 });
    cb.setModel(model);
    cb.onTrainBegin();
    cb.onEpochEnd(0, { val_loss: 1 });
    expect(() => cb.onEpochEnd(1, { val_loss: 1 })).toThrow(/cannot be set/);
  });
});
