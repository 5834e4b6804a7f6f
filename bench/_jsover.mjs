import { setNumThreads, setSeed, randomUniform, oneHot, wasmBackend } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setSeed(1); setNumThreads(Number(process.argv[3] ?? 2));
const n = Number(process.argv[2] ?? 32);
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (let i = 0; i < 4; i++) model.trainOnBatch(x, y);
const rec = {}; let inBackend = 0;
for (const k of Object.keys(wasmBackend)) {
  if (typeof wasmBackend[k] !== 'function') continue;
  const orig = wasmBackend[k];
  wasmBackend[k] = function (...a) { if (inBackend) return orig.apply(this, a); inBackend++; const r0 = globalThis.__runMs ?? 0; const s = performance.now(); try { return orig.apply(this, a); } finally { const d = performance.now() - s; const run = (globalThis.__runMs ?? 0) - r0; const e = rec[k] ??= { n: 0, js: 0, run: 0 }; e.n++; e.js += d - run; e.run += run; inBackend--; } };
}
const S = 10; globalThis.__runMs = 0; const s = performance.now(); for (let i = 0; i < S; i++) model.trainOnBatch(x, y); const step = (performance.now() - s) / S;
let js = 0, run = 0; for (const v of Object.values(rec)) { js += v.js; run += v.run; }
console.log(`step ${step.toFixed(1)}: kernels' wasm jobs ${(run / S).toFixed(1)}, kernels' JS ${(js / S).toFixed(2)}, outside the backend ${(step - (js + run) / S).toFixed(2)} ms`);
for (const [k, v] of Object.entries(rec).sort((a, b) => b[1].js - a[1].js).slice(0, 12)) console.log(`  ${k}: ${(v.n / S).toFixed(0)} calls, JS ${(v.js / S).toFixed(3)} ms`);
