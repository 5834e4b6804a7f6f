import { Worker } from 'node:worker_threads';
import { BackendError } from '@strata/core';
import { Sequential } from '@strata/models';
import { blobs, classifier } from '../helpers/models';

// The first worker dies on its first request, as a worker killed by a crash would; the next
// call must start a real worker again.
jest.mock('../../src/inference/worker_script', () => {
  const actual = jest.requireActual('../../src/inference/worker_script');
  let started = 0;
  return {
    startInferenceWorker: () => (started++ === 0
      ? new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3));", { eval: true })
      : actual.startInferenceWorker()),
  };
});

test('a worker that dies fails its pending calls with a BackendError, and the next call starts a new one', async () => {
  const model: Sequential = classifier();
  const { x } = blobs(8, 2);
  const pending = [model.predictAsync(x), model.predictAsync(x)];
  for (const p of pending) await expect(p).rejects.toThrow(new BackendError('predictAsync: the inference worker exited with code 3'));
  const y = await model.predictAsync(x);
  expect(Buffer.from(y.f32.buffer).equals(Buffer.from(model.predict(x).f32.buffer))).toBe(true);
});
