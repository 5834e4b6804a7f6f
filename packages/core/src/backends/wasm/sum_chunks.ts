import * as J from './job_layout';
import type { WasmRuntime } from './runtime';

/**
 * At most this many chunks in a chunked reduction (the small filter gradients): enough tasks for a
 * few threads, few partials to add. Chunk sizes come from the problem alone, so every thread count
 * sums the same partials in the same order.
 */
export const REDUCTION_CHUNKS = 32;
/** Floats per task of the partial sum (a multiple of 16: whole cache lines per task). */
const SUM_BLOCK = 1024;

/** out[0, count) = the sum, in chunk order, of `chunks` partials `stride` floats apart at `partials` (OP_SUM_CHUNKS). */
export function sumChunksInHeap(rt: WasmRuntime, partials: number, chunks: number, stride: number, count: number, out: number, parallel: boolean): void {
  const job = rt.newJob();
  job[J.J_Y_PTR] = partials;
  job[J.J_OUT_PTR] = out;
  job[J.J_M] = count;
  job[J.J_K] = chunks;
  job[J.J_LDC] = stride;
  job[J.J_CHANNEL_BLOCK] = SUM_BLOCK;
  job[J.J_NTASKS] = Math.ceil(count / SUM_BLOCK);
  rt.run(J.OP_SUM_CHUNKS, parallel && job[J.J_NTASKS] > 1);
}
