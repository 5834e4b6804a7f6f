import { wasmBackend, setNumThreads, setWasmConvAlgorithm } from '../packages/core/dist/index.mjs';
const th = Number(process.argv[2] ?? 1); setNumThreads(th);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const rnd = (n) => { const a = new Float32Array(n); for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5; return a; };
const layers = [[46,46,32,64],[22,22,64,128],[10,10,128,128]];
const B = Number(process.argv[3] ?? 32);
for (const [h, w, ci, co] of layers) {
  const info = { batch: B, inHeight: h, inWidth: w, inChannels: ci, outHeight: h-2, outWidth: w-2, outChannels: co, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0 };
  const x = rnd(B*h*w*ci), wt = rnd(9*ci*co), dy = rnd(B*(h-2)*(w-2)*co), bias = rnd(co);
  const best = { direct: [1e9,1e9,1e9], winograd: [1e9,1e9,1e9] };
  for (let r = 0; r < 6; r++) for (const alg of ['direct', 'winograd']) {
    setWasmConvAlgorithm(alg);
    let t = cpu(); wasmBackend.conv2d(x, wt, info, bias, "relu"); best[alg][0] = Math.min(best[alg][0], cpu() - t);
    t = cpu(); wasmBackend.conv2dInputGrad(dy, wt, info); best[alg][1] = Math.min(best[alg][1], cpu() - t);
    t = cpu(); wasmBackend.conv2dFilterGrad(x, dy, info); best[alg][2] = Math.min(best[alg][2], cpu() - t);
  }
  const f = (a) => a.map((v) => v.toFixed(1)).join(' / ');
  console.log(`${h}x${w}x${ci}->${co} threads ${th}: direct ${f(best.direct)} | winograd ${f(best.winograd)}  (fwd / dgrad / wgrad ms)`);
}
