import type { FusedActivation } from '../backend';
import * as J from './job_layout';
import { allocBias, extractC, gemmCBytes, runGemm, runGemmRows } from './gemm';
import { getRuntime } from './runtime';

/** Backend.matMul on the wasm GEMM; transposes are folded into the packing strides. */
export function matMul(
  a: Float32Array, b: Float32Array,
  batch: number, m: number, n: number, k: number,
  transA: boolean, transB: boolean,
  bias?: Float32Array | null, activation: FusedActivation = 'linear',
): Float32Array {
  const rt = getRuntime();
  rt.heap.reset();
  const cPtr = rt.heap.alloc(gemmCBytes(batch, m, n)); // first: the result needs no move
  const aPtr = rt.heap.input(a);
  const bPtr = rt.heap.input(b);
  const bBatches = b.length === k * n && batch > 1 ? 1 : batch;
  const biasPtr = allocBias(rt, bias, n);
  if (m <= 4 && !transA && !transB) {
    rt.heap.alloc(32); // the last 8-column panel may read up to 7 floats past B
    const c = runGemmRows(rt, batch, m, n, k, { ptr: aPtr, batchStride: m * k }, { ptr: bPtr, batchStride: bBatches === 1 ? 0 : k * n },
      biasPtr, activation === 'relu', cPtr);
    return extractC(rt, c, batch, m, n);
  }
  const c = runGemm(rt, {
    batch, m, n, k,
    setA: (job) => {
      job[J.J_A_MODE] = J.A_STRIDED;
      job[J.J_A_PTR] = aPtr;
      job[J.J_A_BATCH_STRIDE] = m * k;
      job[J.J_A_RS] = transA ? 1 : k;
      job[J.J_A_CS] = transA ? m : 1;
    },
    b: { ptr: bPtr, batches: bBatches, batchStride: k * n, rs: transB ? 1 : n, cs: transB ? k : 1 },
    biasPtr,
    relu: activation === 'relu',
  }, cPtr);
  return extractC(rt, c, batch, m, n);
}
