import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = Number(process.env.B ?? 32);
for (const [h, w, ci, co] of (process.env.LS ? JSON.parse(process.env.LS) : [[48,48,1,32],[46,46,32,64],[22,22,64,128]])) {
  const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
  const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), dy0 = rnd(B*(h-2)*(w-2)*co), y0 = rnd(B*(h-2)*(w-2)*co);
  const res = {};
  for (let r = 0; r < 6; r++) for (const t of [1, 2]) for (const [name, need] of [['prologue', { input: false, filter: false, bias: true }], ['dgrad', { input: true, filter: false, bias: false }], ['wgrad', { input: false, filter: true, bias: false }]]) {
    if (ci === 1 && name === 'dgrad') continue;
    setNumThreads(t);
    kernelScope(() => {
      const x = wasmBackend.binary("mul", x0, [x0.length], ONE, [1], [x0.length]), dy = wasmBackend.binary("mul", dy0, [dy0.length], ONE, [1], [dy0.length]), y = wasmBackend.binary("mul", y0, [y0.length], ONE, [1], [y0.length]);
      const s = performance.now(); wasmBackend.conv2dBackward(x, w0, dy, y, info, need, 'relu'); const d = performance.now() - s;
      const k = `${name} ${t}t`; res[k] = Math.min(res[k] ?? 1e9, d);
    });
  }
  console.log(`${h}x${w}x${ci}->${co}:`, Object.entries(res).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
}
