import type { Conv2dInfo, FusedActivation } from '../backend';
import * as J from './job_layout';
import { allocBias, compactC, extractC, gemmCBytes, PARALLEL_MIN_MACS, roundUp, runGemm, type GemmResult } from './gemm';
import { setConvGeometry } from './conv_geometry';
import { getRuntime, type WasmRuntime } from './runtime';
import { forwardProblem, inputGradProblem, winogradApplies, winogradConv, winogradFilterGrad } from './conv2d_winograd';
import { rowChunkedFilterGrad } from './sum_chunks';

// The three convolution kernels are GEMMs whose A is read through implicit im2col while packing
// (assembly/pack_a.ts): only an mc x kc block of the im2col matrix ever exists, per thread, so
// memory stays bounded without batch chunking.

/** Writes the im2col geometry: A rows/columns are pixels of `grid`, read from `src` through the taps. */
function setIm2col(
  job: Uint32Array, mode: number, ptr: number,
  grid: [number, number], src: [number, number, number], kw: number,
  y: [number, number, number, number], x: [number, number, number, number],
): void {
  job[J.J_A_MODE] = mode;
  job[J.J_A_PTR] = ptr;
  [job[J.J_GRID_H], job[J.J_GRID_W]] = grid;
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = src;
  job[J.J_KW] = kw;
  [job[J.J_Y_MUL], job[J.J_Y_ADD], job[J.J_Y_TAP], job[J.J_Y_DIV]] = y;
  [job[J.J_X_MUL], job[J.J_X_ADD], job[J.J_X_TAP], job[J.J_X_DIV]] = x;
}

/** y[pixel, oc] = sum over (tap, ic) of im2col(x)[pixel, (tap, ic)] * w[(tap, ic), oc], + bias, relu. */
export function conv2d(x: Float32Array, w: Float32Array, info: Conv2dInfo, bias?: Float32Array | null, activation: FusedActivation = 'linear'): Float32Array {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const m = info.batch * info.outHeight * info.outWidth;
  const n = info.outChannels;
  const k = info.kernelHeight * info.kernelWidth * info.inChannels;
  const winograd = winogradApplies(rt, info, info.inChannels, n);
  const direct = !winograd && k <= DIRECT_MAX_ROWS;
  const outPtr = heap.alloc(winograd || direct ? m * n * 4 : gemmCBytes(1, m, n)); // first: the result needs no move
  const xPtr = heap.input(x);
  const wPtr = heap.input(w);
  const biasPtr = allocBias(rt, bias, n);
  if (winograd && winogradConv(rt, forwardProblem(info, xPtr, wPtr, biasPtr, activation === 'relu'), outPtr)) {
    return heap.resultF32(outPtr, m * n);
  }
  if (direct) {
    if (m > 0 && n > 0) directConv(rt, info, xPtr, wPtr, biasPtr, activation === 'relu', outPtr);
    return heap.resultF32(outPtr, m * n);
  }
  const c = runGemm(rt, {
    batch: 1, m, n, k,
    setA: (job) => setIm2col(job, J.A_IM2COL, xPtr,
      [info.outHeight, info.outWidth], [info.inHeight, info.inWidth, info.inChannels], info.kernelWidth,
      [info.strideHeight, -info.padTop, info.dilationHeight, 1], [info.strideWidth, -info.padLeft, info.dilationWidth, 1]),
    b: { ptr: wPtr, batches: 1, batchStride: 0, rs: n, cs: 1 },
    biasPtr,
    relu: activation === 'relu',
  }, winograd ? -1 : outPtr);
  return extractC(rt, c, 1, m, n);
}

/** Copies the dense m x n result of a GEMM (compacted in place) to `out`, unless it is already there. */
function moveC(rt: WasmRuntime, c: GemmResult, m: number, n: number, out: number): void {
  const dense = compactC(rt, c, 1, m, n);
  if (dense !== out) new Uint8Array(rt.heap.memory.buffer).copyWithin(out, dense, dense + m * n * 4);
}

/**
 * dx[pixel, ic] = sum over (tap, oc) of dy[src(pixel, tap), oc] * w[tap, ic, oc], dy (masked by the
 * fused backward) in the heap at `dyPtr`, into the dense dx at `out`. A gather, so each dx element
 * is written once (no scatter-add, no race), with dy read through the taps backwards (source row
 * = (y + padTop - kh * dilation) / stride when exact).
 */
export function conv2dInputGradInHeap(rt: WasmRuntime, dyPtr: number, w: Float32Array, info: Conv2dInfo, out: number): void {
  const { inChannels: ic, outChannels: oc } = info;
  const taps = info.kernelHeight * info.kernelWidth;
  const m = info.batch * info.inHeight * info.inWidth;
  const k = taps * oc;
  if (winogradApplies(rt, info, oc, ic) && winogradConv(rt, inputGradProblem(info, dyPtr, rt.heap.input(w)), out)) return;
  // B[(tap, oc), ic] = w[tap, ic, oc]: the weights are small, transpose them here.
  const wtPtr = rt.heap.allocF32(w.length);
  const wt = rt.heap.f32(wtPtr, w.length);
  for (let t = 0; t < taps; t++) {
    for (let i = 0; i < ic; i++) {
      for (let o = 0; o < oc; o++) wt[(t * oc + o) * ic + i] = w[(t * ic + i) * oc + o];
    }
  }
  // Straight into `out` when the padded C is dense (ic a multiple of 8, m of 4).
  const direct = gemmCBytes(1, m, ic) === m * ic * 4;
  const c = runGemm(rt, {
    batch: 1, m, n: ic, k,
    setA: (job) => setIm2col(job, J.A_IM2COL, dyPtr,
      [info.inHeight, info.inWidth], [info.outHeight, info.outWidth, oc], info.kernelWidth,
      [1, info.padTop, -info.dilationHeight, info.strideHeight], [1, info.padLeft, -info.dilationWidth, info.strideWidth]),
    b: { ptr: wtPtr, batches: 1, batchStride: 0, rs: ic, cs: 1 },
    biasPtr: 0,
    relu: false,
  }, direct ? out : -1);
  moveC(rt, c, m, ic, out);
}

/**
 * dw[(tap, ic), oc] = sum over pixels of x[src(pixel, tap), ic] * dy[pixel, oc], x and dy in the
 * heap, into the dense dw at `out`. The reduction runs over batch x pixels inside each task;
 * tasks split the outputs, so every thread count produces the same bits.
 */
export function conv2dFilterGradInHeap(rt: WasmRuntime, xPtr: number, dyPtr: number, info: Conv2dInfo, out: number): void {
  const m = info.kernelHeight * info.kernelWidth * info.inChannels;
  const n = info.outChannels;
  const k = info.batch * info.outHeight * info.outWidth;
  if (winogradApplies(rt, info, info.inChannels, n) && winogradFilterGrad(rt, info, xPtr, dyPtr, out)) return;
  if (m <= DIRECT_MAX_ROWS && k > 0) {
    directFilterGradInHeap(rt, xPtr, dyPtr, info, out);
    return;
  }
  const c = runGemm(rt, {
    batch: 1, m, n, k,
    setA: (job) => setIm2col(job, J.A_IM2COL_T, xPtr,
      [info.outHeight, info.outWidth], [info.inHeight, info.inWidth, info.inChannels], info.kernelWidth,
      [info.strideHeight, -info.padTop, info.dilationHeight, 1], [info.strideWidth, -info.padLeft, info.dilationWidth, 1]),
    b: { ptr: dyPtr, batches: 1, batchStride: 0, rs: n, cs: 1 },
    biasPtr: 0,
    relu: false,
  });
  moveC(rt, c, m, n, out);
}

/**
 * Filter rows (kh * kw * inC) up to which the direct kernels run the forward conv and the filter
 * gradient: the GEMM's k (forward) or m (filter gradient) would be a few rows, so packing and the
 * epilogue cost more than the product, and the filter gradient's reduction would be one task.
 */
export const DIRECT_MAX_ROWS = 27;
/** Floats of the kh zero-padded input rows an output row of the direct kernels reads (assembly/conv_rows.ts). */
function paddedRowsFloats(info: Conv2dInfo): number {
  const paddedWidth = (info.outWidth - 1) * info.strideWidth + (info.kernelWidth - 1) * info.dilationWidth + 1;
  return info.kernelHeight * paddedWidth * info.inChannels;
}
/** Filter rows per pass of the direct kernel (assembly/f32_conv2d_filter_grad_9x4_wasmsimd.ts). */
const DIRECT_ROWS = 9;
/** Below this many multiply-adds the direct filter gradient stays on the main thread. */
const DIRECT_PARALLEL_MIN_MACS = 1 << 18;

/**
 * dw of a conv with few filter rows, directly: chunk partials (a problem-determined number of
 * output rows each), then their sum in chunk order, so every thread count gives the same bits.
 */
function directFilterGradInHeap(rt: WasmRuntime, xPtr: number, dyPtr: number, info: Conv2dInfo, dw: number): void {
  const heap = rt.heap;
  const m = info.kernelHeight * info.kernelWidth * info.inChannels;
  const n = info.outChannels;
  const rowsPadded = roundUp(m, DIRECT_ROWS);
  const scratchStride = roundUp(paddedRowsFloats(info) * 4, 64);
  const macs = info.batch * info.outHeight * info.outWidth * n * m;
  rowChunkedFilterGrad(rt, J.OP_CONV_FILTER_GRAD, info, xPtr, dyPtr, dw, rowsPadded * n, m * n, rt.threads > 1 && macs >= DIRECT_PARALLEL_MIN_MACS, (job, onPool) => {
    job[J.J_K] = rowsPadded;
    job[J.J_SCRATCH_PTR] = heap.alloc((onPool ? rt.threads : 1) * scratchStride);
    job[J.J_SCRATCH_STRIDE] = scratchStride;
  });
}

/** Output rows per task of the direct forward conv: about 16 tasks per thread, for balance. */
const DIRECT_TASKS_PER_THREAD = 16;

/**
 * y = act(conv(x, w) + bias) for a conv with few filter rows (assembly/f32_conv2d_4x8_wasmsimd.ts):
 * the GEMM path's bits, without its packing. Tasks split the output rows only.
 */
function directConv(rt: WasmRuntime, info: Conv2dInfo, xPtr: number, wPtr: number, biasPtr: number, relu: boolean, out: number): void {
  const rows = info.batch * info.outHeight;
  const filterRows = info.kernelHeight * info.kernelWidth * info.inChannels;
  const parallel = rt.threads > 1 && rows * info.outWidth * info.outChannels * filterRows >= PARALLEL_MIN_MACS;
  const threads = parallel ? rt.threads : 1;
  const perTask = Math.max(1, Math.ceil(rows / (DIRECT_TASKS_PER_THREAD * threads)));
  const scratchStride = roundUp((filterRows * roundUp(info.outChannels, 8) + DIRECT_MAX_ROWS + paddedRowsFloats(info)) * 4, 64);
  const scratch = rt.heap.alloc(threads * scratchStride);
  const job = rt.newJob();
  setConvGeometry(job, info);
  job[J.J_A_PTR] = xPtr;
  job[J.J_PB_PTR] = wPtr;
  job[J.J_BIAS_PTR] = biasPtr;
  job[J.J_FLAGS] = relu ? J.EPILOGUE_RELU : 0;
  job[J.J_Y_PTR] = out;
  job[J.J_M] = perTask;
  job[J.J_NTASKS] = Math.ceil(rows / perTask);
  job[J.J_SCRATCH_PTR] = scratch;
  job[J.J_SCRATCH_STRIDE] = scratchStride;
  rt.run(J.OP_CONV_DIRECT, parallel);
}
