// Reference-backend kernel throughput: matMul GFLOP/s at 1024^3, and forward / input-grad /
// filter-grad time of the article's four conv layers at batch 32. Uses the built package, so
// run `node scripts/build.mjs` first. `node bench/reference_kernels.mjs [--runs=N]` prints a table.
import { pathToFileURL } from 'node:url';
import { referenceBackend as backend } from '../packages/core/dist/index.mjs';

const GEMM_SIZE = 1024;
const WARM_UP_MS = 1000;
const BATCH = 32;
/** [inHeight, inWidth, inChannels, outChannels], 3x3 kernels, stride 1, 'valid' padding. */
const CONV_LAYERS = [
  [48, 48, 1, 32],
  [46, 46, 32, 64],
  [22, 22, 64, 128],
  [10, 10, 128, 128],
];

/** Deterministic values in [-1, 1), so runs are comparable and no denormals sneak in. */
function filled(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2147483648 - 1;
  }
  return out;
}

/**
 * Best wall time of `runs` calls, after warming up for at least two calls and WARM_UP_MS. The
 * warm-up lets V8 optimise the kernel and lets the allocator settle: the first ~10 calls that
 * allocate multi-megabyte outputs get fresh pages from the OS, and their page faults made a
 * small conv (48x48x1 -> 32) 3x slower than in the steady state a training loop runs in.
 */
function bestMs(fn, runs) {
  const warmUpStart = performance.now();
  for (let calls = 0; calls < 2 || performance.now() - warmUpStart < WARM_UP_MS; calls++) fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function validConvInfo(inHeight, inWidth, inChannels, outChannels) {
  return {
    batch: BATCH, inHeight, inWidth, inChannels,
    outHeight: inHeight - 2, outWidth: inWidth - 2, outChannels,
    kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1,
    dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0,
  };
}

/**
 * Runs the benchmark. `runs` is the number of timed repetitions per kernel (best one counts).
 * @returns {{ gemm: { size: number, ms: number, gflops: number },
 *   conv: { layer: string, gflop: number, forwardMs: number, inputGradMs: number, filterGradMs: number }[] }}
 */
export async function benchReference({ runs = 3 } = {}) {
  const n = GEMM_SIZE;
  const a = filled(n * n, 1);
  const b = filled(n * n, 2);
  const gemmMs = bestMs(() => backend.matMul(a, b, 1, n, n, n, false, false), runs + 2);
  const gemm = { size: n, ms: gemmMs, gflops: (2 * n ** 3) / (gemmMs * 1e6) };

  const conv = [];
  for (const [h, w, inC, outC] of CONV_LAYERS) {
    const info = validConvInfo(h, w, inC, outC);
    const x = filled(BATCH * h * w * inC, 3);
    const filter = filled(9 * inC * outC, 4);
    const bias = filled(outC, 5);
    const dy = filled(BATCH * info.outHeight * info.outWidth * outC, 6);
    conv.push({
      layer: `${h}x${w}x${inC} -> ${outC}`,
      // Multiply-adds of one pass; the two gradients cost the same.
      gflop: (2 * BATCH * info.outHeight * info.outWidth * 9 * inC * outC) / 1e9,
      forwardMs: bestMs(() => backend.conv2d(x, filter, info, bias, 'relu'), runs),
      inputGradMs: bestMs(() => backend.conv2dBackward(x, filter, dy, null, info, { input: true, filter: false, bias: false }, 'linear'), runs),
      filterGradMs: bestMs(() => backend.conv2dBackward(x, filter, dy, null, info, { input: false, filter: true, bias: false }, 'linear'), runs),
    });
  }
  return { gemm, conv };
}

function printTable({ gemm, conv }) {
  console.log(`matMul ${gemm.size}^3: ${gemm.gflops.toFixed(2)} GFLOP/s (${gemm.ms.toFixed(0)} ms)\n`);
  const rate = (gflop, ms) => `${ms.toFixed(1).padStart(8)} ms ${(gflop / (ms / 1e3)).toFixed(2).padStart(5)} GF/s`;
  console.log(`conv2d 3x3 valid, batch ${BATCH}     ${'forward'.padEnd(20)} ${'input grad'.padEnd(20)} filter grad`);
  for (const c of conv) {
    console.log(`${c.layer.padEnd(28)} ${rate(c.gflop, c.forwardMs)} ${rate(c.gflop, c.inputGradMs)} ${rate(c.gflop, c.filterGradMs)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--runs=N` for more repetitions on a busy machine: the best run is the least disturbed.
  const runsArg = process.argv.find((arg) => arg.startsWith('--runs='));
  printTable(await benchReference(runsArg ? { runs: Number(runsArg.slice('--runs='.length)) } : {}));
}
