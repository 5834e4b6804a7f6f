import * as J from './job_layout';
import type { WasmRuntime } from './runtime';

/** Below this many elements a channel-blocked kernel stays on the main thread (~100 us of work, vs ~27 us to wake the pool). */
const PARALLEL_MIN_ELEMENTS = 1 << 17;
/** 16 floats: one 64-byte cache line of each row, so two tasks never fetch the same line. */
const MIN_BLOCK_CHANNELS = 16;

/**
 * Writes the shape of a channel-blocked job over [rows, channels] data and returns whether to run
 * it in parallel. Up to ~4 tasks per thread, each a run of whole 4-channel vectors; every channel
 * belongs to one task and is reduced over rows in order, so the block size may depend on the
 * thread count without changing a bit.
 */
export function setChannelBlocks(rt: WasmRuntime, job: Uint32Array, rows: number, channels: number): boolean {
  const parallel = rt.threads > 1 && rows * channels >= PARALLEL_MIN_ELEMENTS;
  const groups = Math.ceil(channels / 4);
  const tasks = parallel ? Math.max(1, Math.min(Math.ceil(channels / MIN_BLOCK_CHANNELS), 4 * rt.threads)) : 1;
  const block = 4 * Math.ceil(groups / tasks);
  job[J.J_M] = rows;
  job[J.J_N] = channels;
  job[J.J_CHANNEL_BLOCK] = block;
  job[J.J_NTASKS] = Math.ceil(channels / block);
  return parallel;
}
