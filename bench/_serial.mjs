import { setNumThreads, setSeed, randomUniform, oneHot } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setSeed(1);
const n = Number(process.argv[2] ?? 32);
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (const t of [1, 2, 1, 2]) { setNumThreads(t); model.trainOnBatch(x, y); }
for (const t of [1, 2, 1, 2, 1, 2]) {
  setNumThreads(t); globalThis.__opTimes = {};
  const s = performance.now(); model.trainOnBatch(x, y); const d = performance.now() - s;
  const ops = globalThis.__opTimes; globalThis.__opTimes = null;
  let par = 0, ser = 0; for (const [k, v] of Object.entries(ops)) (k.endsWith('p') ? (par += v.ms) : (ser += v.ms));
  console.log(`${t}t step ${d.toFixed(1)}: parallel jobs ${par.toFixed(1)}, serial jobs ${ser.toFixed(1)}, outside jobs ${(d - par - ser).toFixed(1)}`);
  console.log('  serial:', Object.entries(ops).filter(([k]) => k.endsWith('s')).sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => `${k} ${v.n}x ${v.ms.toFixed(2)}`).join(', '));
}
