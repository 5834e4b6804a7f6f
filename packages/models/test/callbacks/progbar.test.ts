import { formatBar, formatEta, formatLogs, formatTimePerStep, formatValue } from '../../src/callbacks/progbar_format';
import { ProgbarLogger } from '@strata/models';
import { MemoryStream } from '../helpers/data';
import { FakeModel } from '../helpers/fake_model';

describe('progress bar text (Keras 2 Progbar)', () => {
  test('values: %.4f above 1e-3, else %.4e with a two-digit exponent; nan/inf as Python', () => {
    expect(formatValue(1.23456)).toBe('1.2346');
    expect(formatValue(0.00001234)).toBe('1.2340e-05');
    expect(formatValue(0)).toBe('0.0000e+00');
    expect(formatValue(NaN)).toBe('nan');
    expect(formatLogs({ loss: 0.5, accuracy: 0.25 })).toBe(' - loss: 0.5000 - accuracy: 0.2500');
  });

  test('bar: 30 wide, > head until the last step, current padded to the target width', () => {
    expect(formatBar(120, 449)).toBe('120/449 [=======>......................]');
    expect(formatBar(7, 449)).toBe('  7/449 [..............................]');
    expect(formatBar(449, 449)).toBe('449/449 [==============================]');
    expect(formatBar(12, null)).toBe('     12/Unknown');
  });

  test('ETA and time per step', () => {
    expect(formatEta(41.7)).toBe('41s');
    expect(formatEta(125)).toBe('2:05');
    expect(formatEta(3725)).toBe('1:02:05');
    expect(formatTimePerStep(0.027)).toBe('27ms/step');
    expect(formatTimePerStep(2)).toBe('2s/step');
    expect(formatTimePerStep(0.0005)).toBe('500us/step');
  });
});

/** Drives a logger through 2 epochs of 4 batches; the fake clock advances 250 ms per batch. */
async function drive(logger: ProgbarLogger, clock: { t: number }): Promise<void> {
  logger.setModel(new FakeModel());
  logger.setParams({ epochs: 2, steps: 4, verbose: 1 });
  await logger.onTrainBegin({});
  for (let epoch = 0; epoch < 2; epoch++) {
    await logger.onEpochBegin(epoch, {});
    for (let b = 0; b < 4; b++) {
      clock.t += 250;
      await logger.onBatchEnd(b, { loss: 1 / (b + 1 + epoch), accuracy: 0.25 * b });
    }
    await logger.onEpochEnd(epoch, { loss: 0.5 / (epoch + 1), accuracy: 0.75, val_loss: 0.625, val_accuracy: 0.5 });
  }
}

describe('ProgbarLogger', () => {
  test('not a TTY: exactly one plain line per epoch', async () => {
    const clock = { t: 0 };
    const stream = new MemoryStream(false);
    await drive(new ProgbarLogger({ stream, now: () => clock.t }), clock);
    expect(stream.text.split('\n')).toEqual([
      'Epoch 1/2 - 4/4 - 1s 250ms/step - loss: 0.5000 - accuracy: 0.7500 - val_loss: 0.6250 - val_accuracy: 0.5000',
      'Epoch 2/2 - 4/4 - 1s 250ms/step - loss: 0.2500 - accuracy: 0.7500 - val_loss: 0.6250 - val_accuracy: 0.5000',
      '',
    ]);
  });

  test('TTY: epoch header, bar redrawn in place with ETA, final line with time and val metrics', async () => {
    const clock = { t: 0 };
    const stream = new MemoryStream(true);
    await drive(new ProgbarLogger({ stream, now: () => clock.t }), clock);
    const text = stream.text;
    expect(text.startsWith('Epoch 1/2\n\r1/4 [======>.......................] - ETA: 0s - loss: 1.0000 - accuracy: 0.0000')).toBe(true);
    expect(text).toContain('\r2/4 [==============>...............] - ETA: 0s - loss: 0.5000 - accuracy: 0.2500');
    expect(text).toContain('\r4/4 [==============================] - 1s 250ms/step - loss: 0.5000 - accuracy: 0.7500 - val_loss: 0.6250 - val_accuracy: 0.5000\nEpoch 2/2\n');
    expect(text.endsWith('val_accuracy: 0.5000\n')).toBe(true);
  });

  test('TTY redraws are throttled to the interval (at most ~10 per second by default)', async () => {
    const clock = { t: 0 };
    const stream = new MemoryStream(true);
    const logger = new ProgbarLogger({ stream, now: () => clock.t, interval: 600 });
    await drive(logger, clock);
    // Per epoch: batch 1 draws; batches 2 and 3 fall within 600 ms; batch 4 (750 ms later) draws; the epoch end draws.
    const redraws = stream.chunks.filter((c) => c.startsWith('\r')).length;
    expect(redraws).toBe(2 * 3);
  });
});
