import { reductionChunkRows } from '../row_chunks';
import * as J from './job_layout';
import type { WasmRuntime } from './runtime';

/** Below this many elements a pass over [rows, channels] stays on the main thread (~100 us of work, vs ~27 us to wake the pool). */
const PARALLEL_MIN_ELEMENTS = 1 << 17;

/**
 * Shapes a job over [rows, channels] data as one task per chunk of rows (row_chunks.ts: the
 * chunking never depends on the thread count): J_M rows, J_N channels, J_CHANNEL_BLOCK rows per
 * task, J_NTASKS chunks. Returns the chunk count and whether to run it on the pool.
 */
export function setRowChunkJob(rt: WasmRuntime, job: Uint32Array, rows: number, channels: number): { chunks: number; parallel: boolean } {
  const chunkRows = reductionChunkRows(rows, channels);
  const chunks = Math.ceil(rows / chunkRows);
  job[J.J_M] = rows;
  job[J.J_N] = channels;
  job[J.J_CHANNEL_BLOCK] = chunkRows;
  job[J.J_NTASKS] = chunks;
  return { chunks, parallel: rt.threads > 1 && chunks > 1 && rows * channels >= PARALLEL_MIN_ELEMENTS };
}
