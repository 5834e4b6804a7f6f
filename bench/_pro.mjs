import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = 32, h = 46, w = 46, ci = 32, co = 64;
const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), dy0 = rnd(B*(h-2)*(w-2)*co), y0 = rnd(B*(h-2)*(w-2)*co);
for (const t of [1, 2, 1, 2]) {
  setNumThreads(t);
  kernelScope(() => {
    const x = wasmBackend.clip(x0, -1e9, 1e9), dy = wasmBackend.clip(dy0, -1e9, 1e9), y = wasmBackend.clip(y0, -1e9, 1e9);
    const out = [];
    for (const [name, act, need] of [['bias+mask', 'relu', { input: false, filter: false, bias: true }], ['mask', 'relu', { input: false, filter: false, bias: false }], ['bias', 'linear', { input: false, filter: false, bias: true }]]) {
      let best = 1e9;
      for (let r = 0; r < 5; r++) { const s = performance.now(); wasmBackend.conv2dBackward(x, w0, dy, act === 'relu' ? y : null, info, need, act); best = Math.min(best, performance.now() - s); }
      out.push(`${name} ${best.toFixed(2)}`);
    }
    const s = performance.now(); for (let r = 0; r < 5; r++) wasmBackend.binary('mul', dy, [dy.length], y, [dy.length], [dy.length]); out.push(`binary mul ${((performance.now() - s) / 5).toFixed(2)}`);
    console.log(`${t}t: ${out.join(', ')}`);
  });
}
