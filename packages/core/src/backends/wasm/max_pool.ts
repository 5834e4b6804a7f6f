import type { Pool2dInfo } from '../backend';
import { windowCounts } from '../pool_windows';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Below this many inputs a pool stays on the main thread (it reads each input about once). */
export const PARALLEL_MIN_INPUTS = 1 << 18;

/** Writes a pool's geometry into a job: input (SRC_*), output (GRID_*), window, strides, padding. */
export function setPoolGeometry(job: Uint32Array, info: Pool2dInfo): void {
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [info.inHeight, info.inWidth, info.channels];
  [job[J.J_GRID_H], job[J.J_GRID_W]] = [info.outHeight, info.outWidth];
  [job[J.J_POOL_H], job[J.J_POOL_W]] = [info.poolHeight, info.poolWidth];
  [job[J.J_STRIDE_H], job[J.J_STRIDE_W]] = [info.strideHeight, info.strideWidth];
  [job[J.J_PAD_TOP], job[J.J_PAD_LEFT]] = [info.padTop, info.padLeft];
}

/** Max pool in wasm (f32x4 over channels), one task per output row. */
export function maxPool2d(x: Float32Array, info: Pool2dInfo): { y: Float32Array; argmax: Int32Array } {
  // Throws, like the reference, when some window lies entirely in the padding.
  windowCounts(info.outHeight, info.inHeight, info.poolHeight, info.strideHeight, info.padTop, 'maxPool2d', 'row');
  windowCounts(info.outWidth, info.inWidth, info.poolWidth, info.strideWidth, info.padLeft, 'maxPool2d', 'column');
  const rt = getRuntime();
  rt.heap.reset();
  const outSize = info.batch * info.outHeight * info.outWidth * info.channels;
  const yPtr = rt.heap.alloc(outSize * 4); // first: the results need no move
  const argPtr = rt.heap.alloc(outSize * 4);
  const xPtr = rt.heap.input(x);
  const job = rt.newJob();
  job[J.J_A_PTR] = xPtr;
  job[J.J_Y_PTR] = yPtr;
  job[J.J_ARGMAX_PTR] = argPtr;
  setPoolGeometry(job, info);
  job[J.J_NTASKS] = info.batch * info.outHeight;
  rt.run(J.OP_MAX_POOL, x.length >= PARALLEL_MIN_INPUTS);
  return { y: rt.heap.resultF32(yPtr, outSize), argmax: rt.heap.resultI32(argPtr, outSize) };
}

/** Backend.maxPool2dGrad in wasm: one task per image (its argmax point into it), in the reference's order. */
export function maxPool2dGrad(dy: Float32Array, argmax: Int32Array, info: Pool2dInfo): Float32Array {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const inputs = info.inHeight * info.inWidth * info.channels;
  const dxPtr = heap.alloc(info.batch * inputs * 4); // first: the result needs no move
  const job = rt.newJob();
  job[J.J_DY_PTR] = heap.input(dy);
  const argAt = heap.offsetOf(argmax);
  job[J.J_ARGMAX_PTR] = argAt >= 0 ? argAt : heap.allocI32(argmax);
  job[J.J_OUT_PTR] = dxPtr;
  job[J.J_M] = info.outHeight * info.outWidth * info.channels;
  job[J.J_N] = inputs;
  job[J.J_NTASKS] = info.batch;
  rt.run(J.OP_MAX_POOL_GRAD, info.batch > 1 && info.batch * inputs >= PARALLEL_MIN_INPUTS);
  return heap.resultF32(dxPtr, info.batch * inputs);
}
