import type { Resize2dInfo } from '../backend';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Below this many outputs (forward) or inputs (gradient) a resize stays on the main thread. */
const PARALLEL_MIN = 1 << 17;

/** Writes the geometry and the tables (one block at J_A_PTR, in the order the kernels read them). */
function setJob(job: Uint32Array, info: Resize2dInfo, tables: number): void {
  job[J.J_A_PTR] = tables;
  job[J.J_FLAGS] = info.bilinear ? 1 : 0;
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [info.inHeight, info.inWidth, info.channels];
  [job[J.J_GRID_H], job[J.J_GRID_W]] = [info.outHeight, info.outWidth];
}

function allocTables(info: Resize2dInfo): number {
  const heap = getRuntime().heap;
  const oh = info.outHeight, ow = info.outWidth;
  const ptr = heap.alloc((3 * oh + 3 * ow) * 4);
  const i32 = new Int32Array(heap.memory.buffer, ptr, 3 * (oh + ow));
  const f32 = new Float32Array(heap.memory.buffer, ptr, 3 * (oh + ow));
  i32.set(info.rowLo, 0);
  i32.set(info.rowHi, oh);
  f32.set(info.rowFrac, 2 * oh);
  i32.set(info.colLo, 3 * oh);
  i32.set(info.colHi, 3 * oh + ow);
  f32.set(info.colFrac, 3 * oh + 2 * ow);
  return ptr;
}

/** Backend.resize2d in wasm: one task per output row, f32x4 over channels. */
export function resize2d(x: Float32Array, info: Resize2dInfo): Float32Array {
  const rt = getRuntime();
  rt.heap.reset();
  const outSize = info.batch * info.outHeight * info.outWidth * info.channels;
  const yPtr = rt.heap.alloc(outSize * 4); // first: the result needs no move
  const xPtr = rt.heap.input(x);
  const tables = allocTables(info);
  const job = rt.newJob();
  setJob(job, info, tables);
  job[J.J_X_PTR] = xPtr;
  job[J.J_OUT_PTR] = yPtr;
  job[J.J_NTASKS] = info.batch * info.outHeight;
  rt.run(J.OP_RESIZE, outSize >= PARALLEL_MIN);
  return rt.heap.resultF32(yPtr, outSize);
}

/** Backend.resize2dGrad in wasm: one task per input row, gathering the output rows that read it. */
export function resize2dGrad(dy: Float32Array, info: Resize2dInfo): Float32Array {
  const rt = getRuntime();
  rt.heap.reset();
  const inSize = info.batch * info.inHeight * info.inWidth * info.channels;
  const dxPtr = rt.heap.alloc(inSize * 4); // first: the result needs no move
  const dyPtr = rt.heap.input(dy);
  const tables = allocTables(info);
  const job = rt.newJob();
  setJob(job, info, tables);
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_OUT_PTR] = dxPtr;
  job[J.J_NTASKS] = info.batch * info.inHeight;
  rt.run(J.OP_RESIZE_GRAD, dy.length >= PARALLEL_MIN);
  return rt.heap.resultF32(dxPtr, inSize);
}
