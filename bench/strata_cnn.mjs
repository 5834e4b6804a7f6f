// Strata side of the CNN benchmark: the article's model trained with Adam on one backend.
// Usage: node bench/strata_cnn.mjs backend=reference|wasm threads=N seconds=8 train=32,64 infer=256
// Prints one JSON object. Run once per configuration, in its own process, so peak RSS is its own.
import {
  setBackend, setNumThreads, setSeed, randomUniform, oneHot, profileKernels, getBackend,
} from '@strata/core';
import { articleModel } from '../examples/fer-cnn/model.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const seconds = Number(args.seconds ?? 8);
const trainBatches = (args.train ?? '32,64').split(',').map(Number);
const inferBatch = Number(args.infer ?? 256);
setBackend(args.backend ?? 'wasm');
if (args.threads && getBackend().name === 'wasm') setNumThreads(Number(args.threads));
setSeed(1);

function batch(n) {
  const labels = Int32Array.from({ length: n }, (_, i) => i % 7);
  return [randomUniform([n, 48, 48, 1], { seed: n }), oneHot(labels, 7)];
}

/** Calls per second of `step`, for at least `seconds` and `min` calls, after one warm-up call. */
function rate(step, min = 2) {
  step();
  let n = 0;
  const start = performance.now();
  while ((performance.now() - start) / 1000 < seconds || n < min) {
    step();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
const out = { backend: getBackend().name, threads: args.threads ? Number(args.threads) : null, train: {} };
for (const b of trainBatches) {
  const [x, y] = batch(b);
  out.train[b] = rate(() => model.trainOnBatch(x, y)) * b;
}
// Where one training step at the first batch size spends its time, by kernel.
{
  const [x, y] = batch(trainBatches[0]);
  const start = performance.now();
  const { kernels } = await profileKernels(() => model.trainOnBatch(x, y));
  const total = performance.now() - start;
  const inKernels = Object.values(kernels).reduce((s, k) => s + k.ms, 0);
  out.stepMs = total;
  out.kernelsMs = Object.fromEntries(Object.entries(kernels).map(([k, v]) => [k, Number(v.ms.toFixed(1))]));
  out.kernelsMs.outsideKernels = Number((total - inKernels).toFixed(1));
}
const [xi] = batch(inferBatch);
out.infer = rate(() => model.predict(xi, { batchSize: inferBatch })) * inferBatch;
out.peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
