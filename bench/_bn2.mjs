import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const C = 2048, N = 32 * C; const x0 = rnd(N), g = rnd(C), b = rnd(C);
for (const t of [1, 2]) { setNumThreads(t); let best = 1e9, bb = 1e9;
  for (let r = 0; r < 200; r++) kernelScope(() => { const x = wasmBackend.binary('mul', x0, [N], ONE, [1], [N]);
    globalThis.__opTimes = {};
    let s = performance.now(); const f = wasmBackend.batchNormForward(x, g, b, C, 1e-3); best = Math.min(best, performance.now() - s);
    s = performance.now(); wasmBackend.batchNormBackward(x, x, f.mean, f.invStd, g, C); bb = Math.min(bb, performance.now() - s);
    if (r === 199) console.log(globalThis.__opTimes); globalThis.__opTimes = null; });
  console.log(t, 'fwd', best.toFixed(3), 'bwd', bb.toFixed(3)); }
