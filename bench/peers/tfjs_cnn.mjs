// TensorFlow.js peer for the benchmark: the article's CNN on the `cpu` or `wasm` backend.
// Usage: node bench/peers/tfjs_cnn.mjs backend=cpu|wasm seconds=8 gemm=1024
// Prints one JSON object. tfjs-backend-wasm cannot train this model (no Conv2DBackpropFilter
// kernel in 4.x), so its training row records the error it throws.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { rate } from '../timing.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const backend = args.backend ?? 'cpu';
const seconds = Number(args.seconds ?? 8);
const trainBatches = (args.train ?? '32,64').split(',').filter(Boolean).map(Number);
const inferBatch = Number(args.infer ?? 256);
const gemmN = Number(args.gemm ?? 1024);
// warmup=0 skips the untimed first step (tfjs's cpu backend needs tens of seconds per step).
const warmup = args.warmup !== '0';

function articleModel() {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [48, 48, 1] }));
  m.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.dropout({ rate: 0.25 }));
  m.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.dropout({ rate: 0.25 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.dense({ units: 1024, activation: 'relu' }));
  m.add(tf.layers.dropout({ rate: 0.5 }));
  m.add(tf.layers.dense({ units: 7, activation: 'softmax' }));
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return m;
}

await tf.setBackend(backend);
await tf.ready();
const out = { backend: tf.getBackend(), version: tf.version.tfjs, train: {} };

const a = tf.randomUniform([gemmN, gemmN]);
const b = tf.randomUniform([gemmN, gemmN]);
const mm = async () => {
  const c = tf.matMul(a, b);
  await c.data();
  c.dispose();
};
if (gemmN > 0) {
  await mm();
  out.gemmGflops = ((await rate(mm, seconds, { warmup: 0 })) * 2 * gemmN ** 3) / 1e9;
}

const model = articleModel();
for (const bs of trainBatches) {
  const x = tf.randomUniform([bs, 48, 48, 1]);
  const y = tf.oneHot(tf.randomUniform([bs], 0, 7, 'int32'), 7);
  try {
    if (warmup) await model.trainOnBatch(x, y);
    out.train[bs] = (await rate(() => model.trainOnBatch(x, y), seconds, { min: 1, warmup: 0 })) * bs;
  } catch (e) {
    out.train[bs] = { error: String(e.message ?? e).split('\n')[0] };
  }
}
const xi = tf.randomUniform([inferBatch, 48, 48, 1]);
const infer = async () => {
  const p = model.predict(xi);
  await p.data();
  p.dispose();
};
if (warmup) await infer();
out.infer = (await rate(infer, seconds, { min: 1, warmup: 0 })) * inferBatch;
const one = tf.randomUniform([1, 48, 48, 1]);
const latencies = [];
for (let i = 0; i < 23; i++) {
  const t = performance.now();
  const p = model.predict(one);
  await p.data();
  p.dispose();
  if (i >= 3) latencies.push(performance.now() - t);
}
out.latency1Ms = latencies.sort((x, y) => x - y)[latencies.length >> 1];
out.peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
