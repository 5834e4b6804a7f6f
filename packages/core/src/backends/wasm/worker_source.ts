import * as C from './control';

/**
 * Source of a pool worker, run with `new Worker(source, { eval: true, workerData })` so no file
 * has to be found at run time (jest on TS sources, the ESM and the CJS bundles all work).
 * The worker instantiates the kernel modules on the shared memory, then sleeps on the control
 * block's generation counter; it never posts a message per job.
 */
export const workerSource = `
const { workerData } = require('node:worker_threads');
const { memory, modules, index, control } = workerData;
const C = ${JSON.stringify(C)};
const ctl = new Int32Array(memory.buffer, control, C.C_WORDS);
function fail(message) {
  if (Atomics.compareExchange(ctl, C.C_ERROR, 0, index + 1) !== 0) return;
  const bytes = Buffer.from(message, 'utf8').subarray(0, C.C_MESSAGE_CAPACITY);
  new Uint8Array(memory.buffer, control + C.C_MESSAGE_BYTE, bytes.length).set(bytes);
  Atomics.store(ctl, C.C_ERROR_LENGTH, bytes.length);
}
let instances;
try {
  instances = modules.map((m) => new WebAssembly.Instance(m, { env: { memory } }));
} catch (e) {
  // Count as started, with the error, so the main thread's synchronous start-up wait ends.
  fail('could not instantiate the kernels: ' + String(e && e.stack || e));
  Atomics.add(ctl, C.C_READY, 1);
  Atomics.notify(ctl, C.C_READY);
  throw e;
}
let running = false;
process.on('exit', () => {
  if (!running) return;
  fail('worker exited while running a job');
  Atomics.add(ctl, C.C_DONE, 1);
  Atomics.notify(ctl, C.C_DONE);
});
let seen = Atomics.load(ctl, C.C_GENERATION);
Atomics.add(ctl, C.C_READY, 1);
Atomics.notify(ctl, C.C_READY);
// Runs until the process exits (the worker is unref()'d, so it never keeps the process alive).
for (;;) {
  // Kernels of a training step come back to back: spin a little (~50-100 us) for the next job
  // before sleeping, so a job does not pay a futex wake-up (tens of us in a VM) per worker.
  for (let spin = 0; spin < C.C_SPIN_ITERATIONS && Atomics.load(ctl, C.C_GENERATION) === seen; spin++);
  Atomics.wait(ctl, C.C_GENERATION, seen);
  const generation = Atomics.load(ctl, C.C_GENERATION);
  if (generation === seen) continue;
  seen = generation;
  if (index >= Atomics.load(ctl, C.C_PARTICIPANTS)) continue;
  running = true;
  try {
    instances[ctl[C.C_VARIANT]].exports.run(ctl[C.C_OP], ctl[C.C_JOB] >>> 0, index + 1);
  } catch (e) {
    fail(String(e && e.stack || e));
  }
  running = false;
  Atomics.add(ctl, C.C_DONE, 1);
  Atomics.notify(ctl, C.C_DONE);
}
`;
