import { referenceBackend } from '../reference';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Elements per task; below two blocks the update stays on the calling thread. */
const BLOCK = 1 << 16;

/**
 * Backend.adamUpdate in wasm when w, m and v live in the heap (variables and their optimizer
 * slots do), so nothing is copied; otherwise the reference kernel, which gives the same bits.
 */
export function adamUpdate(
  w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, alpha: number, beta1: number, beta2: number, epsilon: number,
): void {
  const rt = getRuntime();
  const heap = rt.heap;
  const [wAt, mAt, vAt] = [w, m, v].map((a) => heap.offsetOf(a));
  if (wAt < 0 || mAt < 0 || vAt < 0) {
    referenceBackend.adamUpdate(w, g, m, v, alpha, beta1, beta2, epsilon);
    return;
  }
  heap.reset();
  const params = heap.alloc(4 * 8);
  new Float64Array(heap.memory.buffer, params, 4).set([alpha, 1 - beta1, 1 - beta2, epsilon]);
  const job = rt.newJob();
  job[J.J_OUT_PTR] = wAt;
  job[J.J_MEAN_PTR] = mAt;
  job[J.J_VARIANCE_PTR] = vAt;
  job[J.J_DY_PTR] = heap.input(g);
  job[J.J_X_PTR] = params;
  job[J.J_M] = w.length;
  job[J.J_CHANNEL_BLOCK] = BLOCK;
  job[J.J_NTASKS] = Math.ceil(w.length / BLOCK);
  rt.run(J.OP_ADAM, w.length >= 2 * BLOCK);
}
