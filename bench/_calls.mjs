// Per-call 1t vs 2t times over paired steps (median of R pairs), sorted by time lost to imperfect scaling.
import { setNumThreads, setSeed, randomUniform, oneHot, wasmBackend } from '@strata/core';
import { articleModel } from '/work/wt/perf/examples/fer-cnn/model.mjs';
setSeed(1);
const n = Number(process.argv[2] ?? 32), R = Number(process.argv[3] ?? 7);
const x = randomUniform([n, 48, 48, 1], { seed: 1 });
const y = oneHot(Int32Array.from({ length: n }, (_, i) => i % 7), 7);
const model = articleModel();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
for (const t of [1, 2, 1, 2]) { setNumThreads(t); model.trainOnBatch(x, y); }
let seq = 0, cur = null; const rec = new Map();
const desc = (k, args) => k + ' ' + args.filter((a) => a && (a.length !== undefined) && typeof a !== 'string').map((a) => a.length).slice(0, 3).join('x') + (typeof args[0] === 'string' ? ':' + args[0] : '');
for (const k of Object.keys(wasmBackend)) {
  if (typeof wasmBackend[k] !== 'function') continue;
  const orig = wasmBackend[k];
  wasmBackend[k] = function (...args) { const s = performance.now(); const r = orig.apply(this, args); const d = performance.now() - s; if (cur) { const key = `${String(seq++).padStart(3)} ${desc(k, args)}`; const e = rec.get(key) ?? { 1: [], 2: [] }; e[cur].push(d); rec.set(key, e); } return r; };
}
for (let i = 0; i < R; i++) for (const t of [1, 2]) { setNumThreads(t); cur = t; seq = 0; model.trainOnBatch(x, y); }
cur = null;
const med = (v) => [...v].sort((p, q) => p - q)[v.length >> 1];
const rows = [...rec].map(([k, e]) => [k, med(e[1]), med(e[2])]).filter(([, a]) => a > 0.3);
let s1 = 0, s2 = 0; for (const [, a, b] of rows) { s1 += a; s2 += b; }
console.log(`sum 1t ${s1.toFixed(1)} 2t ${s2.toFixed(1)} = ${(s1 / s2).toFixed(3)}x`);
for (const [k, a, b] of rows.sort((p, q) => (q[2] - q[1] / 2) - (p[2] - p[1] / 2))) console.log(k.padEnd(50), a.toFixed(2).padStart(7), b.toFixed(2).padStart(7), (a / b).toFixed(2), 'lost', (b - a / 2).toFixed(2));
