import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { maskedDyInHeap } from './conv_backward_prologue';
import * as J from './job_layout';
import { getRuntime, type WasmRuntime } from './runtime';

/** Below this many multiply-adds a depthwise pass stays on the main thread (~50 us of work, vs ~27 us to wake the pool). */
const PARALLEL_MIN_MACS = 1 << 18;
/**
 * At most this many filter-gradient chunks (runs of whole output rows): enough tasks for a few
 * threads, few partials (kh * kw * outC floats each) to add; sized by the problem alone, so every
 * thread count sums the same partials in the same order.
 */
const FILTER_GRAD_CHUNKS = 32;
/** Floats per task of the partial sum (a multiple of 16: whole cache lines per task). */
const SUM_BLOCK = 1024;

const macs = (info: Conv2dInfo): number =>
  info.batch * info.outHeight * info.outWidth * info.outChannels * info.kernelHeight * info.kernelWidth;

/** Writes the geometry fields every depthwise job reads (see OP_DWCONV in job_layout.ts). */
function setGeometry(job: Uint32Array, info: Conv2dInfo): void {
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [info.inHeight, info.inWidth, info.inChannels];
  [job[J.J_GRID_H], job[J.J_GRID_W], job[J.J_N]] = [info.outHeight, info.outWidth, info.outChannels];
  [job[J.J_POOL_H], job[J.J_POOL_W]] = [info.kernelHeight, info.kernelWidth];
  [job[J.J_STRIDE_H], job[J.J_STRIDE_W]] = [info.strideHeight, info.strideWidth];
  [job[J.J_Y_TAP], job[J.J_X_TAP]] = [info.dilationHeight, info.dilationWidth];
  [job[J.J_PAD_TOP], job[J.J_PAD_LEFT]] = [info.padTop, info.padLeft];
  job[J.J_BATCH] = info.batch;
}

/** Backend.depthwiseConv2d in wasm: one task per output row, f32x4 over output channels. */
export function depthwiseConv2d(
  x: Float32Array, w: Float32Array, info: Conv2dInfo, bias?: Float32Array | null, activation?: FusedActivation,
): Float32Array {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const outSize = info.batch * info.outHeight * info.outWidth * info.outChannels;
  const yPtr = heap.alloc(outSize * 4); // first: the result needs no move
  const job = rt.newJob();
  setGeometry(job, info);
  job[J.J_A_PTR] = heap.input(x);
  job[J.J_X_PTR] = heap.input(w);
  job[J.J_BIAS_PTR] = bias ? heap.input(bias) : 0;
  job[J.J_FLAGS] = activation === 'relu' ? J.EPILOGUE_RELU : 0;
  job[J.J_Y_PTR] = yPtr;
  job[J.J_NTASKS] = info.batch * info.outHeight;
  rt.run(J.OP_DWCONV, rt.threads > 1 && job[J.J_NTASKS] > 1 && macs(info) >= PARALLEL_MIN_MACS);
  return heap.resultF32(yPtr, outSize);
}

/** dx into `dxPtr` from the (masked) dy in the heap: one task per input row. */
function inputGradInHeap(rt: WasmRuntime, dyPtr: number, wPtr: number, info: Conv2dInfo, dxPtr: number): void {
  const job = rt.newJob();
  setGeometry(job, info);
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_X_PTR] = wPtr;
  job[J.J_Y_PTR] = dxPtr;
  job[J.J_NTASKS] = info.batch * info.inHeight;
  rt.run(J.OP_DWCONV_INPUT_GRAD, rt.threads > 1 && job[J.J_NTASKS] > 1 && macs(info) >= PARALLEL_MIN_MACS);
}

/** dw into `dwPtr`: chunk partials (a problem-determined number of output rows each), then their sum in chunk order. */
function filterGradInHeap(rt: WasmRuntime, xPtr: number, dyPtr: number, info: Conv2dInfo, dwPtr: number): void {
  const heap = rt.heap;
  const rows = info.batch * info.outHeight;
  const size = info.kernelHeight * info.kernelWidth * info.outChannels;
  if (rows === 0) {
    heap.f32(dwPtr, size).fill(0); // an empty batch: no chunk to sum
    return;
  }
  const perChunk = Math.ceil(rows / FILTER_GRAD_CHUNKS);
  const chunks = Math.ceil(rows / perChunk);
  const partials = heap.alloc(chunks * size * 4);
  const parallel = rt.threads > 1 && macs(info) >= PARALLEL_MIN_MACS;
  let job = rt.newJob();
  setGeometry(job, info);
  job[J.J_A_PTR] = xPtr;
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_Y_PTR] = partials;
  job[J.J_M] = perChunk;
  job[J.J_NTASKS] = chunks;
  rt.run(J.OP_DWCONV_FILTER_GRAD, parallel && chunks > 1);
  job = rt.newJob();
  job[J.J_Y_PTR] = partials;
  job[J.J_OUT_PTR] = dwPtr;
  job[J.J_M] = size;
  job[J.J_K] = chunks;
  job[J.J_CHANNEL_BLOCK] = SUM_BLOCK;
  job[J.J_NTASKS] = Math.ceil(size / SUM_BLOCK);
  rt.run(J.OP_DWCONV_FILTER_GRAD_SUM, parallel && job[J.J_NTASKS] > 1);
}

/**
 * Backend.depthwiseConv2dBackward in wasm, shaped like conv2dBackward: dy masked by the relu
 * output and the bias gradient summed in one pass (maskedDyInHeap, shared with conv2d), then both
 * gradients read that masked dy in place.
 */
export function depthwiseConv2dBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
  info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
): Conv2dGrads {
  if (activation === 'relu' && !y) throw new ValueError("depthwiseConv2dBackward: activation 'relu' needs the forward output y, got null");
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const channels = info.outChannels;
  const filterSize = info.kernelHeight * info.kernelWidth * channels;
  const inputSize = info.batch * info.inHeight * info.inWidth * info.inChannels;
  const { dyPtr, dbPtr } = maskedDyInHeap(rt, dy, activation === 'relu' ? y : null, channels, need.bias);
  // Outputs before their scratch, in the order they are published (Heap.resultF32 needs address order).
  const dwPtr = need.filter ? heap.alloc(filterSize * 4) : -1;
  const dxPtr = need.input ? heap.alloc(inputSize * 4) : -1;
  if (need.filter) filterGradInHeap(rt, heap.input(x), dyPtr, info, dwPtr);
  if (need.input) inputGradInHeap(rt, dyPtr, heap.input(w), info, dxPtr);
  return {
    db: need.bias ? heap.resultF32(dbPtr, channels) : null,
    dw: need.filter ? heap.resultF32(dwPtr, filterSize) : null,
    dx: need.input ? heap.resultF32(dxPtr, inputSize) : null,
  };
}
