import type { BinaryKernel } from '../backend';
import { referenceBackend } from '../reference';
import * as J from './job_layout';
import { getRuntime } from './runtime';

const OPS: Partial<Record<BinaryKernel, number>> = { add: J.BINARY_ADD, sub: J.BINARY_SUB, mul: J.BINARY_MUL, div: J.BINARY_DIV };
/** Below this many values the kernel stays on the main thread; below MIN_VALUES the reference's JS loop is as fast as a call. */
const PARALLEL_MIN_VALUES = 1 << 17;
const MIN_VALUES = 1 << 12;

/**
 * Backend.binary in wasm for the big cases a training step has (dropout's mask product, its
 * gradient): add, sub, mul, div of same-size arrays or by one value, written into the heap (no
 * fresh array to fault in) by tasks on the pool. Broadcasts and the other ops run on the reference.
 */
export function binary(
  op: BinaryKernel, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], outShape: readonly number[],
): Float32Array {
  const code = OPS[op];
  const n = a.length;
  if (code === undefined || n < MIN_VALUES || (b.length !== n && b.length !== 1) || outShape.reduce((p, d) => p * d, 1) !== n) {
    return referenceBackend.binary(op, a, aShape, b, bShape, outShape);
  }
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const outPtr = heap.alloc(n * 4); // first: the result needs no move
  const job = rt.newJob();
  job[J.J_A_PTR] = heap.input(a);
  job[J.J_X_PTR] = heap.input(b);
  job[J.J_OUT_PTR] = outPtr;
  job[J.J_M] = n;
  job[J.J_K] = b.length === 1 ? 1 : 0;
  job[J.J_FLAGS] = code;
  const parallel = rt.threads > 1 && n >= PARALLEL_MIN_VALUES;
  const block = parallel ? 4 * Math.ceil(n / (16 * rt.threads)) : n;
  job[J.J_CHANNEL_BLOCK] = block;
  job[J.J_NTASKS] = Math.ceil(n / block);
  rt.run(J.OP_BINARY, parallel);
  return heap.resultF32(outPtr, n);
}
