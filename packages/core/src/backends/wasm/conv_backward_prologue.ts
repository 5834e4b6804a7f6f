import { sumChunks } from '../row_chunks';
import * as J from './job_layout';
import { setRowChunkJob } from './row_chunk_job';
import type { WasmRuntime } from './runtime';

/**
 * The prologue of a fused conv backward (conv2d, depthwise): dy in the heap, masked by the relu
 * output y when given, and its bias gradient when asked for. One parallel pass over chunks of rows
 * copies dy into a private buffer, masks it and takes the bias sums (in row_chunks.ts's order, as
 * the reference); without a mask or a bias, dy is read in place. Returns dy's heap offset and the
 * bias gradient's (-1 when not asked for), allocated in that order.
 */
export function maskedDyInHeap(rt: WasmRuntime, dy: Float32Array, y: Float32Array | null, channels: number, bias: boolean): { dyPtr: number; dbPtr: number } {
  const heap = rt.heap;
  if (!y && !bias) return { dyPtr: heap.input(dy), dbPtr: -1 };
  const dyPtr = heap.alloc(dy.length * 4);
  const job = rt.newJob();
  const { chunks, parallel } = setRowChunkJob(rt, job, dy.length / channels, channels);
  job[J.J_X_PTR] = heap.input(dy);
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_MASK_PTR] = y ? heap.input(y) : 0;
  const dbPtr = bias ? heap.alloc(channels * 4) : -1;
  const accPtr = bias ? heap.alloc(chunks * channels * 8) : 0;
  job[J.J_ACC_PTR] = accPtr;
  rt.run(J.OP_RELU_GRAD_BIAS, parallel);
  if (bias) heap.f32(dbPtr, channels).set(sumChunks(new Float64Array(heap.memory.buffer, accPtr, chunks * channels), chunks, channels));
  return { dyPtr, dbPtr };
}
