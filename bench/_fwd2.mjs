import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = Number(process.env.B ?? 32), [h, w, ci, co] = (process.env.L ?? '22,22,64,128').split(',').map(Number);
const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), b0 = rnd(co), dy0 = rnd(B*(h-2)*(w-2)*co);
const res = { f1: [], f2: [], d1: [], d2: [] };
for (let r = 0; r < 16; r++) for (const t of [1, 2]) { setNumThreads(t); kernelScope(() => {
  const x = wasmBackend.binary('mul', x0, [x0.length], ONE, [1], [x0.length]), dy = wasmBackend.binary('mul', dy0, [dy0.length], ONE, [1], [dy0.length]);
  let s = performance.now(); wasmBackend.conv2d(x, w0, info, b0, 'relu'); res['f' + t].push(performance.now() - s);
  s = performance.now(); wasmBackend.conv2dBackward(x, w0, dy, null, info, { input: true, filter: false, bias: false }, 'linear'); res['d' + t].push(performance.now() - s); }); }
const med = (v) => [...v].sort((p, q) => p - q)[v.length >> 1];
console.log(`fwd 1t ${med(res.f1).toFixed(2)} 2t ${med(res.f2).toFixed(2)} (${(med(res.f1)/med(res.f2)).toFixed(2)}x)  dgrad 1t ${med(res.d1).toFixed(2)} 2t ${med(res.d2).toFixed(2)} (${(med(res.d1)/med(res.d2)).toFixed(2)}x)`);
