const { wasmBackend, setNumThreads, kernelScope } = await import('../packages/core/dist/' + process.env.DIST);
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = Number(process.env.B ?? 32), [h, w, ci, co] = (process.env.L ?? '48,48,1,32').split(',').map(Number);
const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), dy0 = rnd(B*(h-2)*(w-2)*co);
setNumThreads(Number(process.env.T ?? 1));
const need = JSON.parse(process.env.NEED ?? '{"input":false,"filter":true,"bias":false}');
let best = 1e9;
for (let r = 0; r < Number(process.env.R ?? 40); r++) kernelScope(() => {
  const x = wasmBackend.binary('mul', x0, [x0.length], ONE, [1], [x0.length]), dy = wasmBackend.binary('mul', dy0, [dy0.length], ONE, [1], [dy0.length]);
  const s = performance.now(); wasmBackend.conv2dBackward(x, w0, dy, null, info, need, 'linear'); best = Math.min(best, performance.now() - s);
});
console.log('best', best.toFixed(2));
