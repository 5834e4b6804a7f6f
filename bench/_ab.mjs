// Alternates 1t and 2t for one layer's filter gradient; median.
const { wasmBackend, setNumThreads, kernelScope } = await import('../packages/core/dist/' + process.env.DIST);
const ONE = new Float32Array([1]);
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const B = Number(process.env.B ?? 32), [h, w, ci, co] = (process.env.L ?? '46,46,32,64').split(',').map(Number);
const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
const x0 = rnd(B*h*w*ci), w0 = rnd(9*ci*co), dy0 = rnd(B*(h-2)*(w-2)*co);
const res = { 1: [], 2: [] };
for (let r = 0; r < 16; r++) for (const t of [1, 2]) { setNumThreads(t); kernelScope(() => {
  const x = wasmBackend.binary('mul', x0, [x0.length], ONE, [1], [x0.length]), dy = wasmBackend.binary('mul', dy0, [dy0.length], ONE, [1], [dy0.length]);
  const s = performance.now(); wasmBackend.conv2dBackward(x, w0, dy, null, info, { input: false, filter: true, bias: false }, 'linear'); res[t].push(performance.now() - s); }); }
const med = (v) => [...v].sort((p, q) => p - q)[v.length >> 1];
console.log(`1t ${med(res[1]).toFixed(2)} (min ${Math.min(...res[1]).toFixed(2)}) 2t ${med(res[2]).toFixed(2)} (min ${Math.min(...res[2]).toFixed(2)}) ${(med(res[1]) / med(res[2])).toFixed(2)}x`);
