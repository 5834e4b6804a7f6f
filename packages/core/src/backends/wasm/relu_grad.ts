import { referenceBackend } from '../reference';
import { maskedDyInHeap } from './conv_backward_prologue';
import { getRuntime } from './runtime';

/** Below this many values the reference's JS loop is as fast as a kernel call. */
const MIN_VALUES = 1 << 12;
/** Row widths the masking kernel is viewed with (a flat array as [n / width, width]): whole cache lines first. */
const ROW_WIDTHS = [64, 16, 4];

/**
 * Backend.reluGrad in wasm: the conv backward prologue's masking pass (dy where y > 0, +0 else,
 * NaN in y blocks) over the flat arrays, written into the heap by tasks on the pool. The same bits
 * as the reference's loop.
 */
export function reluGrad(dy: Float32Array, y: Float32Array): Float32Array {
  const n = dy.length;
  const width = n >= MIN_VALUES && y.length === n ? ROW_WIDTHS.find((w) => n % w === 0) : undefined;
  if (width === undefined) return referenceBackend.reluGrad(dy, y);
  const rt = getRuntime();
  rt.heap.reset();
  // The masked copy is the call's first allocation: publishing it moves nothing.
  return rt.heap.resultF32(maskedDyInHeap(rt, dy, y, width, -1), n);
}
