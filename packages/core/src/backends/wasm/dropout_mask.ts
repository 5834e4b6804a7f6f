import { aleaJump, isAleaMwcState, type RngState } from '../../alea';
import type { DropoutMaskResult } from '../backend';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Draws per task at which the mask is split into more tasks (more streams cost a big-integer product each, ~2 us; 16K draws are ~0.1 ms). */
const DRAWS_PER_TASK = 1 << 14;
const MAX_TASKS = 16;

/**
 * Backend.dropoutMask in wasm: the JS Alea's draws in float64, the mask kept in the heap inside a
 * kernel scope. The sequence is cut into streams whose start states are jumped to (aleaJump), so
 * it is the sequential mask however the streams are spread over threads.
 */
export function dropoutMask(size: number, keep: number, scale: number, state: RngState): DropoutMaskResult {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const maskPtr = heap.alloc(size * 4); // first: the result needs no move
  // A state no seed reaches cannot be jumped from: one stream of every draw, in order (the task's
  // other three streams are empty).
  const jumpable = isAleaMwcState(state);
  const tasks = jumpable ? Math.min(MAX_TASKS, Math.max(1, Math.ceil(size / DRAWS_PER_TASK))) : 1;
  const streams = tasks * J.DROPOUT_STREAMS_PER_TASK;
  const length = Math.max(1, jumpable ? Math.ceil(size / streams) : size);
  const ioPtr = heap.alloc((2 + 4 * streams) * 8);
  const io = new Float64Array(heap.memory.buffer, ioPtr, 2 + 4 * streams);
  io[0] = keep;
  io[1] = scale;
  const jump = length < size ? aleaJump(length) : null;
  for (let s = 0, at = state; s < streams; s++) {
    if (s > 0 && jump) at = jump(at);
    io.set([at.c, at.s0, at.s1, at.s2], 2 + 4 * s);
  }
  const job = rt.newJob();
  job[J.J_X_PTR] = ioPtr;
  job[J.J_M] = size;
  job[J.J_CHANNEL_BLOCK] = length;
  job[J.J_NTASKS] = tasks;
  job[J.J_OUT_PTR] = maskPtr;
  rt.run(J.OP_DROPOUT_MASK, tasks > 1 && rt.threads > 1);
  // The kernel leaves each stream's state after its draws: the last non-empty stream's is the generator's.
  const last = 2 + 4 * (size === 0 ? 0 : Math.floor((size - 1) / length));
  const after = size === 0 ? { ...state } : { c: io[last], s0: io[last + 1], s1: io[last + 2], s2: io[last + 3] };
  return { mask: heap.resultF32(maskPtr, size), state: after };
}
