// Paired scaling: alternate 1-thread and 2-thread steps in one process; median per-pair ratio.
import { setNumThreads, setSeed, randomUniform, oneHot, profileKernels } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setSeed(1);
const n = Number(process.argv[2] ?? 32), pairs = Number(process.argv[3] ?? 12);
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (const t of [1, 2, 1, 2]) { setNumThreads(t); model.trainOnBatch(x, y); }
const a = [], b = [], r = [];
for (let i = 0; i < pairs; i++) {
  setNumThreads(1); let s = performance.now(); model.trainOnBatch(x, y); const t1 = performance.now() - s;
  setNumThreads(2); s = performance.now(); model.trainOnBatch(x, y); const t2 = performance.now() - s;
  a.push(t1); b.push(t2); r.push(t1 / t2);
}
const med = (v) => [...v].sort((p, q) => p - q)[v.length >> 1];
console.log(`bs${n}: 1t med ${med(a).toFixed(0)} min ${Math.min(...a).toFixed(0)}; 2t med ${med(b).toFixed(0)} min ${Math.min(...b).toFixed(0)}; ratio med ${med(r).toFixed(3)} min/min ${(Math.min(...a) / Math.min(...b)).toFixed(3)}`);
if (process.argv[4] === 'prof') for (const t of [1, 2]) { setNumThreads(t); const { kernels } = await profileKernels(() => model.trainOnBatch(x, y)); console.log(t, Object.entries(kernels).filter(([, v]) => v.ms > 0.5).map(([k, v]) => `${k} ${v.ms.toFixed(1)}`).join(', ')); }
