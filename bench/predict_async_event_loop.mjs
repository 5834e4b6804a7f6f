// How free predictAsync leaves the event loop: a 5 ms setInterval runs while the article's model
// predicts a batch of 256 with predict (blocking) and with predictAsync (worker thread), and,
// as the machine's own noise floor, while nothing runs. Prints the gaps between ticks.
// Run alone: node bench/predict_async_event_loop.mjs [repeats] [threads]
import { getBackend, getNumThreads, randomNormal, setNumThreads, setSeed, tensor } from '@strata/core';
import { articleModel } from '../examples/fer-cnn/model.mjs';

const repeats = Number(process.argv[2] ?? 3);
if (process.argv[3]) setNumThreads(Number(process.argv[3]));

async function gapsDuring(work) {
  const gaps = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 5);
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  gaps.push(performance.now() - last);
  clearInterval(timer);
  gaps.sort((a, b) => a - b);
  const q = (p) => gaps[Math.floor(p * (gaps.length - 1))].toFixed(1);
  return `${ms.toFixed(0)} ms, ${gaps.length - 1} ticks, gap p50 ${q(0.5)} / p99 ${q(0.99)} / max ${q(1)} ms`;
}

setSeed(1);
const model = articleModel();
const x = randomNormal([256, 48, 48, 1], { seed: 2 });
await model.predictAsync(tensor(x.f32.slice(0, 48 * 48), [1, 48, 48, 1])); // start the worker, send the weights
model.predict(x, { batchSize: 256 });
console.log(`backend ${getBackend().name}, ${getNumThreads()} threads`);
for (let r = 0; r < repeats; r++) {
  console.log(`idle:         ${await gapsDuring(() => new Promise((done) => setTimeout(done, 1000)))}`);
  console.log(`predict:      ${await gapsDuring(() => model.predict(x, { batchSize: 256 }))}`);
  console.log(`predictAsync: ${await gapsDuring(() => model.predictAsync(x, { batchSize: 256 }))}`);
}
