import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = 32, h = 46, w = 46, ci = 32, co = 64;
const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), dy0 = rnd(B*(h-2)*(w-2)*co), y0 = rnd(B*(h-2)*(w-2)*co);
const res = {};
for (let r = 0; r < 10; r++) for (const t of [1, 2]) for (const bias of [false, true]) {
  setNumThreads(t);
  kernelScope(() => {
    const dy = wasmBackend.binary("mul", dy0, [dy0.length], ONE, [1], [dy0.length]), y = wasmBackend.binary("mul", y0, [y0.length], ONE, [1], [y0.length]);
    const f0 = process.resourceUsage().minorPageFault; const s = performance.now(); wasmBackend.conv2dBackward(dy, w0, dy, y, info, { input: false, filter: false, bias }, 'relu'); const d = performance.now() - s; 
    const k = `bias=${bias} ${t}t`; res[k] = Math.min(res[k] ?? 1e9, d);
  });
}
console.log(res);
