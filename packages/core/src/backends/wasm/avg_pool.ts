import type { Pool2dInfo } from '../backend';
import { windowCounts } from '../pool_windows';
import * as J from './job_layout';
import { PARALLEL_MIN_INPUTS, setPoolGeometry } from './max_pool';
import { getRuntime } from './runtime';

function checkWindows(info: Pool2dInfo, op: string): void {
  windowCounts(info.outHeight, info.inHeight, info.poolHeight, info.strideHeight, info.padTop, op, 'row');
  windowCounts(info.outWidth, info.inWidth, info.poolWidth, info.strideWidth, info.padLeft, op, 'column');
}

/** Average pool in wasm (f32x4 over channels), one task per output row. */
export function avgPool2d(x: Float32Array, info: Pool2dInfo): Float32Array {
  checkWindows(info, 'avgPool2d');
  const rt = getRuntime();
  rt.heap.reset();
  const outSize = info.batch * info.outHeight * info.outWidth * info.channels;
  const yPtr = rt.heap.alloc(outSize * 4); // first: the result needs no move
  const job = rt.newJob();
  job[J.J_A_PTR] = rt.heap.input(x);
  job[J.J_Y_PTR] = yPtr;
  setPoolGeometry(job, info);
  job[J.J_NTASKS] = info.batch * info.outHeight;
  rt.run(J.OP_AVG_POOL, x.length >= PARALLEL_MIN_INPUTS);
  return rt.heap.resultF32(yPtr, outSize);
}

/** Its gradient in wasm, gathered: one task per input row, so no two tasks write the same dx. */
export function avgPool2dGrad(dy: Float32Array, info: Pool2dInfo): Float32Array {
  checkWindows(info, 'avgPool2dGrad');
  const rt = getRuntime();
  rt.heap.reset();
  const inSize = info.batch * info.inHeight * info.inWidth * info.channels;
  const dxPtr = rt.heap.alloc(inSize * 4); // first: the result needs no move
  const job = rt.newJob();
  job[J.J_DY_PTR] = rt.heap.input(dy);
  job[J.J_OUT_PTR] = dxPtr;
  setPoolGeometry(job, info);
  job[J.J_NTASKS] = info.batch * info.inHeight;
  rt.run(J.OP_AVG_POOL_GRAD, inSize >= PARALLEL_MIN_INPUTS);
  return rt.heap.resultF32(dxPtr, inSize);
}
