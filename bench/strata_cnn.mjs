// Strata side of the CNN benchmark: the article's model, Adam, on one backend and thread count.
// Usage: node bench/strata_cnn.mjs mode=train|infer backend=wasm|reference threads=N seconds=8 train=32,64 infer=256
// Prints one JSON object. Each mode runs in its own process, so peak RSS is that job's own.
import {
  setBackend, setNumThreads, setSeed, randomUniform, oneHot, profileKernels, getBackend, getNumThreads,
} from '@strata/core';
import { articleModel } from '../examples/fer-cnn/model.mjs';
import { callRates, median, rate } from './timing.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const seconds = Number(args.seconds ?? 8);
setBackend(args.backend ?? 'wasm');
if (args.threads && getBackend().name === 'wasm') setNumThreads(Number(args.threads));
setSeed(1);

function batch(n) {
  const labels = Int32Array.from({ length: n }, (_, i) => i % 7);
  return [randomUniform([n, 48, 48, 1], { seed: n }), oneHot(labels, 7)];
}

const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
const out = { backend: getBackend().name, threads: getBackend().name === 'wasm' ? getNumThreads() : 1 };
if ((args.mode ?? 'train') === 'train') {
  out.train = {};
  out.trainMean = {};
  const sizes = (args.train ?? '32,64').split(',').map(Number);
  for (const b of sizes) {
    const [x, y] = batch(b);
    // trainOnBatch returns the loss as a number: every step is synchronised, as Keras's is.
    const r = await callRates(() => model.trainOnBatch(x, y), seconds);
    out.train[b] = r.median * b;
    out.trainMean[b] = r.mean * b;
  }
  // Where one training step at the first batch size spends its time, by kernel.
  const [x, y] = batch(sizes[0]);
  const start = performance.now();
  const { kernels } = await profileKernels(() => model.trainOnBatch(x, y));
  const total = performance.now() - start;
  const inKernels = Object.values(kernels).reduce((s, k) => s + k.ms, 0);
  out.stepMs = total;
  out.kernelsMs = Object.fromEntries(Object.entries(kernels).map(([k, v]) => [k, Number(v.ms.toFixed(1))]));
  out.kernelsMs.outsideKernels = Number((total - inKernels).toFixed(1));
} else {
  const n = Number(args.infer ?? 256);
  const [xi] = batch(n);
  out.infer = (await rate(() => model.predict(xi, { batchSize: n }), seconds)) * n;
  const [one] = batch(1);
  out.latency1Ms = await median(() => model.predict(one), Math.min(seconds, 4));
}
out.peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
