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

/** Drives a logger through `epochs` epochs of 4 batches of 8 images; the fake clock advances 250 ms per batch. */
async function drive(logger: ProgbarLogger, clock: { t: number }, epochs = 2): Promise<void> {
  logger.setModel(new FakeModel());
  logger.setParams({ epochs, steps: 4, verbose: 1 });
  await logger.onTrainBegin({});
  for (let epoch = 0; epoch < epochs; epoch++) {
    await logger.onEpochBegin(epoch, {});
    for (let b = 0; b < 4; b++) {
      await logger.onBatchBegin(b, { size: 8 });
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
    // ETA of the epoch (3 batches of 0.25 s left), of the run (plus one epoch of 4 batches), images/s (8 per 0.25 s).
    expect(text.startsWith('Epoch 1/2\n\r1/4 [======>.......................] - ETA: 0s (run 1s) - 32.0 images/s - loss: 1.0000 - accuracy: 0.0000')).toBe(true);
    expect(text).toContain('\r2/4 [==============>...............] - ETA: 0s (run 1s) - 32.0 images/s - loss: 0.5000 - accuracy: 0.2500');
    // The last epoch has no run ETA of its own.
    expect(text).toContain('Epoch 2/2\n\r1/4 [======>.......................] - ETA: 0s - 32.0 images/s - loss: 0.5000');
    expect(text).toContain('\r4/4 [==============================] - 1s 250ms/step - loss: 0.5000 - accuracy: 0.7500 - val_loss: 0.6250 - val_accuracy: 0.5000\nEpoch 2/2\n');
    expect(text.endsWith('val_accuracy: 0.5000\n')).toBe(true);
  });

  test('run ETA: the later epochs at the last whole epoch\'s duration, end-of-epoch work included', async () => {
    const clock = { t: 0 };
    const stream = new MemoryStream(true);
    const logger = new ProgbarLogger({ stream, now: () => clock.t, interval: 0 });
    logger.setModel(new FakeModel());
    logger.setParams({ epochs: 100, steps: 4, verbose: 1 });
    await logger.onTrainBegin({});
    await logger.onEpochBegin(0, {});
    for (let b = 0; b < 4; b++) {
      await logger.onBatchBegin(b, { size: 8 });
      clock.t += 250;
      await logger.onBatchEnd(b, { loss: 1 });
    }
    // Epoch 1 of 100 before any epoch ended: 3 batches left + 99 epochs of 4 batches of 0.25 s = 99.75 s.
    expect(stream.text).toContain('\r1/4 [======>.......................] - ETA: 0s (run 1:39) - 32.0 images/s');
    clock.t += 9000; // validation and end-of-epoch callbacks: the epoch took 10 s in all
    await logger.onEpochEnd(0, { loss: 1 });
    await logger.onEpochBegin(1, {});
    await logger.onBatchBegin(0, { size: 8 });
    clock.t += 250;
    await logger.onBatchEnd(0, { loss: 1 });
    // 0.75 s left in epoch 2, then 98 epochs of 10 s.
    expect(stream.text).toContain('\r1/4 [======>.......................] - ETA: 0s (run 16:20) - 32.0 images/s');
  });

  test('line mode with lineInterval: a line after the first batch, then at most one per interval', async () => {
    const clock = { t: 0 };
    const stream = new MemoryStream(false);
    await drive(new ProgbarLogger({ stream, now: () => clock.t, lineInterval: 600 }), clock);
    expect(stream.text.split('\n')).toEqual([
      'Epoch 1/2 - 1/4 - ETA: 0s (run 1s) - 32.0 images/s - loss: 1.0000 - accuracy: 0.0000e+00',
      'Epoch 1/2 - 4/4 - ETA: 0s (run 1s) - 32.0 images/s - loss: 0.2500 - accuracy: 0.7500',
      'Epoch 1/2 - 4/4 - 1s 250ms/step - loss: 0.5000 - accuracy: 0.7500 - val_loss: 0.6250 - val_accuracy: 0.5000',
      'Epoch 2/2 - 3/4 - ETA: 0s - 32.0 images/s - loss: 0.2500 - accuracy: 0.5000',
      'Epoch 2/2 - 4/4 - 1s 250ms/step - loss: 0.2500 - accuracy: 0.7500 - val_loss: 0.6250 - val_accuracy: 0.5000',
      '',
    ]);
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
