import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { publishConvGrads, startConvBackward } from './conv_backward_prologue';
import * as J from './job_layout';
import { getRuntime, type WasmRuntime } from './runtime';
import { rowChunkedFilterGrad } from './sum_chunks';
import { setConvGeometry } from './conv_geometry';

/** Below this many multiply-adds a depthwise pass stays on the main thread (~50 us of work, vs ~27 us to wake the pool). */
const PARALLEL_MIN_MACS = 1 << 18;
const macs = (info: Conv2dInfo): number =>
  info.batch * info.outHeight * info.outWidth * info.outChannels * info.kernelHeight * info.kernelWidth;

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
  setConvGeometry(job, info);
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
  setConvGeometry(job, info);
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
  rowChunkedFilterGrad(rt, J.OP_DWCONV_FILTER_GRAD, info, xPtr, dyPtr, dwPtr, size, size, rt.threads > 1 && macs(info) >= PARALLEL_MIN_MACS);
}

/**
 * Backend.depthwiseConv2dBackward in wasm, shaped like conv2dBackward: dy masked by the relu
 * output and the bias gradient summed in one pass (startConvBackward, shared with conv2d), then both
 * gradients read that masked dy in place.
 */
export function depthwiseConv2dBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
  info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
): Conv2dGrads {
  if (activation === 'relu' && !y) throw new ValueError("depthwiseConv2dBackward: activation 'relu' needs the forward output y, got null");
  const rt = getRuntime();
  const sizes = {
    channels: info.outChannels,
    filter: info.kernelHeight * info.kernelWidth * info.outChannels,
    input: info.batch * info.inHeight * info.inWidth * info.inChannels,
  };
  const p = startConvBackward(rt, dy, activation === 'relu' ? y : null, need, sizes);
  if (need.filter) filterGradInHeap(rt, rt.heap.input(x), p.dy, info, p.dw);
  if (need.input) inputGradInHeap(rt, p.dy, rt.heap.input(w), info, p.dx);
  return publishConvGrads(rt, p, sizes);
}
