import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { reductionChunkRows, sumChunks } from '../row_chunks';
import { conv2dFilterGradInHeap, conv2dInputGradInHeap } from './conv2d';
import * as J from './job_layout';

/** Below this many elements the prologue stays on the main thread (~100 us of work, vs ~27 us to wake the pool). */
const PARALLEL_MIN_ELEMENTS = 1 << 17;
import { getRuntime } from './runtime';

/**
 * Backend.conv2dBackward in wasm. One parallel pass over chunks of rows copies dy into a private
 * buffer masked by the relu output and takes the bias gradient's sums (in row_chunks.ts's order,
 * as the reference); then both gradient GEMMs read that masked dy where it lies.
 */
export function conv2dBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
  info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
): Conv2dGrads {
  if (activation === 'relu' && !y) throw new ValueError("conv2dBackward: activation 'relu' needs the forward output y, got null");
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const channels = info.outChannels;
  const masked = activation === 'relu' && y !== null;
  let dyPtr: number;
  let dbPtr = -1;
  if (!masked && !need.bias) {
    dyPtr = heap.input(dy); // read as it is
  } else {
    // One pass over chunks of rows: dy copied to a private buffer, masked, its bias sums taken.
    dyPtr = heap.alloc(dy.length * 4);
    const rows = dy.length / channels;
    const chunkRows = reductionChunkRows(rows, channels);
    const chunks = Math.ceil(rows / chunkRows);
    const job = rt.newJob();
    job[J.J_X_PTR] = heap.input(dy);
    job[J.J_DY_PTR] = dyPtr;
    job[J.J_MASK_PTR] = masked ? heap.input(y) : 0;
    if (need.bias) dbPtr = heap.alloc(channels * 4);
    const accPtr = need.bias ? heap.alloc(chunks * channels * 8) : 0;
    job[J.J_ACC_PTR] = accPtr;
    job[J.J_M] = rows;
    job[J.J_N] = channels;
    job[J.J_CHANNEL_BLOCK] = chunkRows;
    job[J.J_NTASKS] = chunks;
    rt.run(J.OP_RELU_GRAD_BIAS, rt.threads > 1 && chunks > 1 && dy.length >= PARALLEL_MIN_ELEMENTS);
    if (need.bias) heap.f32(dbPtr, channels).set(sumChunks(new Float64Array(heap.memory.buffer, accPtr, chunks * channels), chunks, channels));
  }
  const dwPtr = need.filter ? conv2dFilterGradInHeap(rt, heap.input(x), dyPtr, info) : -1;
  const dxPtr = need.input ? conv2dInputGradInHeap(rt, dyPtr, w, info) : -1;
  // Results in allocation (= address) order, as Heap.resultF32 requires.
  const filterSize = info.kernelHeight * info.kernelWidth * info.inChannels * info.outChannels;
  const inputSize = info.batch * info.inHeight * info.inWidth * info.inChannels;
  const db = dbPtr >= 0 ? heap.resultF32(dbPtr, channels) : null;
  const dw = dwPtr >= 0 ? heap.resultF32(dwPtr, filterSize) : null;
  const dx = dxPtr >= 0 ? heap.resultF32(dxPtr, inputSize) : null;
  return { dx, dw, db };
}
