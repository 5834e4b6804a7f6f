import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const st = { c: 1, s0: 0.25, s1: 0.5, s2: 0.75 }, odd = { c: 1, s0: 0.3, s1: 0.5, s2: 0.7 };
for (const t of [1, 2, 1, 2]) {
  setNumThreads(t);
  for (const [name, s] of [['jumped', st], ['sequential', odd]]) {
    let best = 1e9;
    for (let r = 0; r < 15; r++) { kernelScope(() => { const t0 = performance.now(); wasmBackend.dropoutMask(1 << 20, 0.75, 4 / 3, s); best = Math.min(best, performance.now() - t0); }); }
    console.log(`threads ${t} ${name}: ${best.toFixed(2)} ms per 1M draws`);
  }
}
