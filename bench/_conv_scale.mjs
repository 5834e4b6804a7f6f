import { wasmBackend, setNumThreads, kernelScope } from '../packages/core/dist/index.mjs';
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = Number(process.env.B ?? 32);
const layers = [[48,48,1,32],[46,46,32,64],[22,22,64,128],[10,10,128,128]];
const ms = (f) => { const t = performance.now(); f(); return performance.now() - t; };
for (const [h, w, ci, co] of layers) {
  const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
  const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), dy0 = rnd(B*(h-2)*(w-2)*co), bias = rnd(co);
  const best = {1: [1e9, 1e9], 2: [1e9, 1e9]};
  for (let r = 0; r < 8; r++) for (const t of [1, 2]) {
    setNumThreads(t);
    kernelScope(() => {
      const x = wasmBackend.binary("mul", x0, [x0.length], ONE, [1], [x0.length]), dy = wasmBackend.binary("mul", dy0, [dy0.length], ONE, [1], [dy0.length]);
      let y;
      best[t][0] = Math.min(best[t][0], ms(() => { y = wasmBackend.conv2d(x, w0, info, bias, 'relu'); }));
      best[t][1] = Math.min(best[t][1], ms(() => wasmBackend.conv2dBackward(x, w0, dy, y, info, { input: ci > 1, filter: true, bias: true }, 'relu')));
    });
  }
  console.log(`${h}x${w}x${ci}->${co}: fwd 1t ${best[1][0].toFixed(1)} 2t ${best[2][0].toFixed(1)} (${(best[1][0]/best[2][0]).toFixed(2)}x)  bwd 1t ${best[1][1].toFixed(1)} 2t ${best[2][1].toFixed(1)} (${(best[1][1]/best[2][1]).toFixed(2)}x)`);
}
