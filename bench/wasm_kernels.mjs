// Benchmarks the wasm backend's kernels from the BUILT package: SGEMM GFLOP/s on 1 thread and on
// all threads (reference backend at 1024 for comparison), and the forward / input-grad /
// filter-grad times of the article's four conv layers at batch 32.
// Run: node scripts/build.mjs && node bench/wasm_kernels.mjs
// The machine is shared: compare the columns of one run (measured side by side), not runs.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  getNumThreads, getWasmKernelVariant, referenceBackend, setNumThreads, setWasmConvAlgorithm, wasmBackend,
} from '../packages/core/dist/index.mjs';

function randomArray(n, seed) {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

/** Best time in ms of `fn` over repeats, stopping after ~budget ms (at least 2 runs after a warm-up). */
function bestMs(fn, budget = 1500) {
  fn();
  let best = Infinity;
  const start = performance.now();
  for (let r = 0; r < 20 && (r < 2 || performance.now() - start < budget); r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * Best times in ms of `fn` on 1 thread and on `threads` threads, runs alternating so that both
 * see the same background load (the machine is shared): the ratio is the meaningful number.
 */
function bestMsOneVsAll(fn, threads, budget = 1500) {
  const before = getNumThreads();
  const best = [Infinity, Infinity];
  const counts = [1, threads];
  try {
    for (const t of counts) {
      setNumThreads(t);
      fn(); // warm-up (and the pool start-up, on the first parallel call)
    }
    const start = performance.now();
    for (let r = 0; r < 20 && (r < 2 || performance.now() - start < 2 * budget); r++) {
      for (let i = 0; i < 2; i++) {
        setNumThreads(counts[i]);
        const t = performance.now();
        fn();
        best[i] = Math.min(best[i], performance.now() - t);
      }
    }
  } finally {
    setNumThreads(before);
  }
  return { one: best[0], all: best[1] };
}

/**
 * Theoretical fp32 peak of 128-bit SIMD per core: clock x 4 lanes x 2 FLOP per FMA x 2 FMA ports
 * (AMD Zen has two FMA pipes). The clock is /proc/cpuinfo's "cpu MHz", the nominal clock in this VM;
 * the core boosts above it, so measured GFLOP/s can exceed this figure.
 */
function peak() {
  let mhz = NaN;
  try {
    const m = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) mhz = Number(m[1]);
  } catch {
    // not Linux: no clock to report
  }
  const perCore = (mhz / 1000) * 4 * 2 * 2;
  return { mhz, perCore, allCores: perCore * availableParallelism() };
}

const conv = (batch, h, w, inC, outC) => ({
  batch, inHeight: h, inWidth: w, inChannels: inC, outHeight: h - 2, outWidth: w - 2, outChannels: outC,
  kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0,
});
const CONV_LAYERS = [
  ['48x48x1 -> 32', conv(32, 48, 48, 1, 32)],
  ['46x46x32 -> 64', conv(32, 46, 46, 32, 64)],
  ['22x22x64 -> 128', conv(32, 22, 22, 64, 128)],
  ['10x10x128 -> 128', conv(32, 10, 10, 128, 128)],
];

export async function benchWasmKernels() {
  const threads = availableParallelism();
  const gemm = [];
  for (const n of [256, 512, 1024, 2048]) {
    const a = randomArray(n * n, 1), b = randomArray(n * n, 2);
    const run = () => wasmBackend.matMul(a, b, 1, n, n, n, false, false);
    const gflop = (2 * n ** 3) / 1e9;
    const { one, all } = bestMsOneVsAll(run, threads);
    gemm.push({ n, gflopsOneThread: gflop / (one / 1e3), gflopsAllThreads: gflop / (all / 1e3) });
  }
  const n = 1024;
  const a = randomArray(n * n, 1), b = randomArray(n * n, 2);
  const refMs = bestMs(() => referenceBackend.matMul(a, b, 1, n, n, n, false, false), 3000);
  const reference1024 = (2 * n ** 3) / 1e9 / (refMs / 1e3);

  const convs = [];
  for (const [name, info] of CONV_LAYERS) {
    const x = randomArray(info.batch * info.inHeight * info.inWidth * info.inChannels, 3);
    const w = randomArray(9 * info.inChannels * info.outChannels, 4);
    const dy = randomArray(info.batch * info.outHeight * info.outWidth * info.outChannels, 5);
    const kernels = {
      forward: () => wasmBackend.conv2d(x, w, info, null, 'relu'),
      inputGrad: () => wasmBackend.conv2dBackward(x, w, dy, null, info, { input: true, filter: false, bias: false }, 'linear'),
      filterGrad: () => wasmBackend.conv2dBackward(x, w, dy, null, info, { input: false, filter: true, bias: false }, 'linear'),
    };
    const row = { layer: name, gflop: (2 * info.batch * info.outHeight * info.outWidth * info.outChannels * 9 * info.inChannels) / 1e9, ms: {} };
    // The first layer has one input channel: Winograd does not apply ('auto' runs it directly).
    for (const algorithm of info.inChannels >= 8 ? ['direct', 'winograd'] : ['direct']) {
      setWasmConvAlgorithm(algorithm);
      row.ms[algorithm] = {};
      for (const [k, fn] of Object.entries(kernels)) row.ms[algorithm][k] = bestMsOneVsAll(fn, threads, 800);
    }
    setWasmConvAlgorithm('auto');
    convs.push(row);
  }
  return { threads, variant: getWasmKernelVariant(), peak: peak(), gemm, reference1024, convs };
}

function printTables(r) {
  const f = (v, d = 1) => v.toFixed(d);
  console.log(`wasm backend, ${r.variant} micro-kernel, ${r.threads} threads`);
  console.log(`theoretical fp32 peak (128-bit SIMD): ${f(r.peak.mhz, 0)} MHz x 4 lanes x 2 FLOP/FMA x 2 FMA ports = ` +
    `${f(r.peak.perCore)} GFLOP/s per core, ${f(r.peak.allCores)} on ${r.threads} cores (nominal clock; boost runs higher)`);
  console.table(r.gemm.map((g) => ({
    'SGEMM n': g.n, 'wasm 1 thread GFLOP/s': f(g.gflopsOneThread), [`wasm ${r.threads} threads GFLOP/s`]: f(g.gflopsAllThreads),
    speedup: f(g.gflopsAllThreads / g.gflopsOneThread, 2),
  })));
  console.log(`reference backend SGEMM n=1024: ${f(r.reference1024, 2)} GFLOP/s ` +
    `(wasm 1 thread is ${f(r.gemm[2].gflopsOneThread / r.reference1024)}x)`);
  for (const c of r.convs) {
    for (const [algorithm, ms] of Object.entries(c.ms)) {
      console.log(`${c.layer} (batch 32), ${algorithm}: ` +
        Object.entries(ms).map(([k, v]) => `${k} ${f(v.one)} ms (1t) / ${f(v.all)} ms (${r.threads}t)`).join(', '));
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTables(await benchWasmKernels());
}
