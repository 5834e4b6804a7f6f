// Parallel scaling of the training step, measured in pairs: one process alternates a 1-thread
// and a 2-thread (all-core) step of the article's CNN, so both see the same machine state, and
// prints the median of the per-pair ratios. A diagnostic beside `npm run bench` (which runs each
// configuration in its own process, in rounds); run it alone, on a quiet machine.
// Usage: node bench/paired_scaling.mjs [batch=32] [pairs=12] [--json]
import { availableParallelism } from 'node:os';
import { oneHot, randomUniform, setNumThreads, setSeed } from '@strata/core';
import { articleModel } from '../examples/fer-cnn/model.mjs';
import { medianOf as median } from './timing.mjs';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const batch = Number(positional[0] ?? 32);
const pairs = Number(positional[1] ?? 12);
const cores = availableParallelism();
setSeed(1);
const x = randomUniform([batch, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: batch }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
const step = (threads) => {
  setNumThreads(threads);
  const start = performance.now();
  model.trainOnBatch(x, y);
  return performance.now() - start;
};
for (const t of [1, cores, 1, cores]) step(t); // warm-up: pool start, heap growth, tier-up
const one = [], all = [], ratios = [];
for (let i = 0; i < pairs; i++) {
  one.push(step(1));
  all.push(step(cores));
  ratios.push(one[i] / all[i]);
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ batch, pairs, threads: cores, oneMs: median(one), allMs: median(all), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }));
  process.exit(0);
}
console.log(`batch ${batch}, ${pairs} pairs: 1 thread median ${median(one).toFixed(0)} ms, ${cores} threads median ${median(all).toFixed(0)} ms; ` +
  `median per-pair ratio ${median(ratios).toFixed(2)}x (range ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`);
