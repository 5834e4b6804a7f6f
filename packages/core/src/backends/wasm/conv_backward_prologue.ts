import type { Conv2dGrads, ConvGradsNeeded } from '../backend';
import { sumChunks } from '../row_chunks';
import * as J from './job_layout';
import { setRowChunkJob } from './row_chunk_job';
import type { WasmRuntime } from './runtime';

/**
 * The prologue of a fused conv backward (conv2d, depthwise): dy in the heap, masked by the relu
 * output y when given, and its bias gradient into `dbPtr` when that is not -1. One parallel pass
 * over chunks of rows copies dy into a private buffer, masks it and takes the bias sums (in
 * row_chunks.ts's order, as the reference); without a mask or a bias, dy is read in place.
 * Returns dy's heap offset. The caller allocates the outputs first, so publishing them moves nothing.
 */
export function maskedDyInHeap(rt: WasmRuntime, dy: Float32Array, y: Float32Array | null, channels: number, dbPtr: number): number {
  const heap = rt.heap;
  const bias = dbPtr >= 0;
  if (!y && !bias) return heap.input(dy);
  const dyPtr = heap.alloc(dy.length * 4);
  const job = rt.newJob();
  const { chunks, parallel } = setRowChunkJob(rt, job, dy.length / channels, channels);
  job[J.J_X_PTR] = heap.input(dy);
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_MASK_PTR] = y ? heap.input(y) : 0;
  const accPtr = bias ? heap.alloc(chunks * channels * 8) : 0;
  job[J.J_ACC_PTR] = accPtr;
  rt.run(J.OP_RELU_GRAD_BIAS, parallel);
  if (bias) heap.f32(dbPtr, channels).set(sumChunks(new Float64Array(heap.memory.buffer, accPtr, chunks * channels), chunks, channels));
  return dyPtr;
}

/** Float counts of a conv backward's outputs. */
export interface ConvGradSizes {
  channels: number;
  filter: number;
  input: number;
}

/** Heap offsets of a conv backward's outputs (-1: not asked for) and of the masked dy. */
export interface ConvGradPtrs {
  db: number;
  dw: number;
  dx: number;
  dy: number;
}

/**
 * Starts a fused conv backward: the asked-for outputs allocated first, at the scope's top in the
 * order they are published (so publishing moves nothing), then the prologue's masked dy and bias sums.
 */
export function startConvBackward(rt: WasmRuntime, dy: Float32Array, y: Float32Array | null, need: ConvGradsNeeded, sizes: ConvGradSizes): ConvGradPtrs {
  const heap = rt.heap;
  heap.reset();
  const db = need.bias ? heap.alloc(sizes.channels * 4) : -1;
  const dw = need.filter ? heap.alloc(sizes.filter * 4) : -1;
  const dx = need.input ? heap.alloc(sizes.input * 4) : -1;
  return { db, dw, dx, dy: maskedDyInHeap(rt, dy, y, sizes.channels, db) };
}

/** The outputs of startConvBackward as the call's results, in address order. */
export function publishConvGrads(rt: WasmRuntime, p: ConvGradPtrs, sizes: ConvGradSizes): Conv2dGrads {
  const heap = rt.heap;
  return {
    db: p.db >= 0 ? heap.resultF32(p.db, sizes.channels) : null,
    dw: p.dw >= 0 ? heap.resultF32(p.dw, sizes.filter) : null,
    dx: p.dx >= 0 ? heap.resultF32(p.dx, sizes.input) : null,
  };
}
