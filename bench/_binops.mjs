import { setNumThreads, setSeed, randomUniform, oneHot, wasmBackend } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setNumThreads(1); setSeed(1);
const n = 32;
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (let i = 0; i < 3; i++) model.trainOnBatch(x, y);
const log = new Map();
for (const k of ['binary', 'unary', 'reduce', 'transpose', 'matMul', 'reluGrad', 'clip', 'cast', 'slice']) {
  const orig = wasmBackend[k].bind(wasmBackend);
  wasmBackend[k] = (...args) => {
    const t = performance.now(); const r = orig(...args); const dt = performance.now() - t;
    const key = `${k}:${typeof args[0] === 'string' ? args[0] : ''} ${typeof args[0] === 'string' ? args[1].length + 'x' + (args[3]?.length ?? '') : args[0].length}`;
    const e = log.get(key) ?? { n: 0, ms: 0 }; e.n++; e.ms += dt; log.set(key, e); return r;
  };
}
model.trainOnBatch(x, y);
for (const [k, v] of [...log].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(k.padEnd(40), v.n, v.ms.toFixed(2));
