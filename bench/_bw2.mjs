import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const N = 64*46*46*32; const a0 = rnd(N), b0 = rnd(N);
const res = {};
for (let r = 0; r < 10; r++) for (const t of [1, 2]) {
  setNumThreads(t);
  kernelScope(() => {
    const a = wasmBackend.clip(a0, -1e9, 1e9), b = wasmBackend.clip(b0, -1e9, 1e9);
    const s = performance.now(); wasmBackend.binary('mul', a, b, [N], [N], [N]); const d = performance.now() - s;
    const k = `mul ${t}t`; res[k] = Math.min(res[k] ?? 1e9, d);
    const s2 = performance.now(); wasmBackend.clip(a, -1, 1); const d2 = performance.now() - s2;
    const k2 = `clip ${t}t`; res[k2] = Math.min(res[k2] ?? 1e9, d2);
  });
}
console.log(res, (N*12/1e6/res['mul 1t']).toFixed(1), 'GB/s 1t', (N*12/1e6/res['mul 2t']).toFixed(1), 'GB/s 2t');
