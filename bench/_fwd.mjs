import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = Number(process.env.B ?? 32), [h, w, ci, co] = (process.env.L ?? '46,46,32,64').split(',').map(Number);
const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), b0 = rnd(co);
const R = Number(process.env.R ?? 20); const res = {1: 1e9, 2: 1e9};
for (let r = 0; r < R; r++) for (const t of [1, 2]) { setNumThreads(t); kernelScope(() => {
  const x = wasmBackend.binary('mul', x0, [x0.length], ONE, [1], [x0.length]);
  const s = performance.now(); wasmBackend.conv2d(x, w0, info, b0, 'relu'); res[t] = Math.min(res[t], performance.now() - s); }); }
console.log(`fwd 1t ${res[1].toFixed(2)} 2t ${res[2].toFixed(2)} ${(res[1]/res[2]).toFixed(2)}x`);
