import type { Resize2dInfo } from '../backend';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Below this many values (read or written) a resize stays on the main thread. */
const PARALLEL_MIN = 1 << 17;

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

/** One resize job: `src` (x, or dy for the gradient) in, `outSize` floats out, one task per row of `rows`. */
function runResize(op: number, src: Float32Array, srcField: number, info: Resize2dInfo, outSize: number, rows: number): Float32Array {
  const rt = getRuntime();
  rt.heap.reset();
  const outPtr = rt.heap.alloc(outSize * 4); // first: the result needs no move
  const srcPtr = rt.heap.input(src);
  const tables = allocTables(info);
  const job = rt.newJob();
  job[J.J_A_PTR] = tables;
  job[J.J_FLAGS] = info.bilinear ? 1 : 0;
  [job[J.J_SRC_H], job[J.J_SRC_W], job[J.J_SRC_C]] = [info.inHeight, info.inWidth, info.channels];
  [job[J.J_GRID_H], job[J.J_GRID_W]] = [info.outHeight, info.outWidth];
  job[srcField] = srcPtr;
  job[J.J_OUT_PTR] = outPtr;
  job[J.J_NTASKS] = rows;
  rt.run(op, Math.max(src.length, outSize) >= PARALLEL_MIN);
  return rt.heap.resultF32(outPtr, outSize);
}

/** Backend.resize2d in wasm: one task per output row, f32x4 over channels. */
export function resize2d(x: Float32Array, info: Resize2dInfo): Float32Array {
  const outSize = info.batch * info.outHeight * info.outWidth * info.channels;
  return runResize(J.OP_RESIZE, x, J.J_X_PTR, info, outSize, info.batch * info.outHeight);
}

/** Backend.resize2dGrad in wasm: one task per input row, gathering the output rows that read it. */
export function resize2dGrad(dy: Float32Array, info: Resize2dInfo): Float32Array {
  const inSize = info.batch * info.inHeight * info.inWidth * info.channels;
  return runResize(J.OP_RESIZE_GRAD, dy, J.J_DY_PTR, info, inSize, info.batch * info.inHeight);
}
