import { setNumThreads, setSeed, randomUniform, oneHot } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setSeed(1);
const n = Number(process.argv[2] ?? 32), S = Number(process.argv[3] ?? 6);
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (const t of [1, 2, 1, 2]) { setNumThreads(t); model.trainOnBatch(x, y); }
const acc = { 1: {}, 2: {} }, steps = { 1: [], 2: [] };
for (let i = 0; i < S; i++) for (const t of [1, 2]) {
  setNumThreads(t); globalThis.__opTimes = {};
  const s = performance.now(); model.trainOnBatch(x, y); steps[t].push(performance.now() - s);
  for (const [k, v] of Object.entries(globalThis.__opTimes)) { const op = k.slice(0, -1); (acc[t][op] ??= []).push(v.ms); }
}
globalThis.__opTimes = null;
const med = (v) => [...v].sort((p, q) => p - q)[v.length >> 1];
console.log(`step med 1t ${med(steps[1]).toFixed(1)} 2t ${med(steps[2]).toFixed(1)} = ${(med(steps[1]) / med(steps[2])).toFixed(3)}x`);
const ops = Object.keys(acc[1]).map((op) => [op, med(acc[1][op]), med(acc[2][op] ?? [0])]).sort((a, b) => (b[2] - b[1] / 2) - (a[2] - a[1] / 2));
for (const [op, a, b] of ops) if (a > 0.3) console.log(`op ${op.padStart(2)}: 1t ${a.toFixed(2).padStart(7)} 2t ${b.toFixed(2).padStart(7)} ${(a / b).toFixed(2)}x lost ${(b - a / 2).toFixed(2)}`);
