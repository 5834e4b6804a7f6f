import type { RngState } from '../../alea';
import type { DropoutMaskResult } from '../backend';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Backend.dropoutMask in wasm: the JS Alea's draws in float64, the mask kept in the heap inside a kernel scope. */
export function dropoutMask(size: number, keep: number, scale: number, state: RngState): DropoutMaskResult {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const maskPtr = heap.alloc(size * 4); // first: the result needs no move
  const statePtr = heap.alloc(6 * 8);
  const io = new Float64Array(heap.memory.buffer, statePtr, 6);
  io.set([state.c, state.s0, state.s1, state.s2, keep, scale]);
  const job = rt.newJob();
  job[J.J_X_PTR] = statePtr;
  job[J.J_M] = size;
  job[J.J_OUT_PTR] = maskPtr;
  rt.run(J.OP_DROPOUT_MASK, false);
  const after = { c: io[0], s0: io[1], s1: io[2], s2: io[3] };
  return { mask: heap.resultF32(maskPtr, size), state: after };
}
