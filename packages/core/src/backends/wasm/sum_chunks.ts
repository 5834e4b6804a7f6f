import type { Conv2dInfo } from '../backend';
import { setConvGeometry } from './conv_geometry';
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

/**
 * A conv filter gradient reduced over chunks of output rows (at most REDUCTION_CHUNKS, sized by
 * the problem alone): `op` sums chunk t's rows into its own partial of `partialFloats` floats,
 * then the partials' first `count` floats are added in chunk order into `out`. `setFields` adds
 * the op's own job fields, knowing whether it runs on the pool.
 */
export function rowChunkedFilterGrad(
  rt: WasmRuntime, op: number, info: Conv2dInfo, xPtr: number, dyPtr: number, out: number,
  partialFloats: number, count: number, parallel: boolean, setFields: (job: Uint32Array, parallel: boolean) => void = () => {},
): void {
  const rows = info.batch * info.outHeight;
  const perChunk = Math.ceil(rows / REDUCTION_CHUNKS);
  const chunks = Math.ceil(rows / perChunk);
  const partials = rt.heap.alloc(chunks * partialFloats * 4);
  const onPool = parallel && chunks > 1;
  const job = rt.newJob();
  setConvGeometry(job, info);
  job[J.J_A_PTR] = xPtr;
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_Y_PTR] = partials;
  job[J.J_M] = perChunk;
  job[J.J_NTASKS] = chunks;
  setFields(job, onPool);
  rt.run(op, onPool);
  sumChunksInHeap(rt, partials, chunks, partialFloats, count, out, parallel);
}
