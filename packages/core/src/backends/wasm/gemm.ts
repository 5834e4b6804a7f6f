import * as J from './job_layout';
import type { WasmRuntime } from './runtime';

/**
 * Below this many multiply-adds a GEMM stays on the main thread. Measured: an empty parallel job
 * costs ~27 us (wake the workers, wait for them) against 4 us on the main thread alone, and a GEMM
 * dispatches twice (pack B, multiply); 4M MACs is ~90 us of single-thread work at 45 GFLOP/s.
 */
export const PARALLEL_MIN_MACS = 1 << 22;
/** The few-row GEMM streams B from memory: two threads pay from 1M multiply-adds (4 MB of B). */
const ROWS_PARALLEL_MIN = 1 << 20;

/** Where B comes from: B[p, j] = heap[ptr + batch * batchStride + p * rs + j * cs] (floats). */
export interface GemmB {
  ptr: number;
  /** 1 when every batch entry shares one B. */
  batches: number;
  batchStride: number;
  rs: number;
  cs: number;
}

export interface GemmProblem {
  batch: number;
  m: number;
  n: number;
  k: number;
  b: GemmB;
  /** Fills the A fields of the job (J_A_MODE, J_A_PTR, strides or conv geometry). */
  setA: (job: Uint32Array) => void;
  /** Heap offset of roundUp(n, 8) zero-padded floats, or 0. */
  biasPtr: number;
  relu: boolean;
}

/** The padded C a GEMM leaves in the heap: `batch` blocks of roundUp(m, 4) rows x ldc floats. */
export interface GemmResult {
  ptr: number;
  ldc: number;
  batchStride: number;
}

export const roundUp = (v: number, to: number): number => Math.ceil(v / to) * to;

/**
 * Task blocks of C. Start with mc = 128 rows (A block 128 x KC floats = 128 KiB, L2-resident) and
 * all columns; shrink mc, then split columns, until there are ~4 tasks per thread, so dynamic
 * claiming balances the load when the other core is busy. The blocks never change the arithmetic
 * order (only KC does), so they may depend on the thread count.
 */
function chooseBlocks(m: number, n: number, batch: number, threads: number): { mc: number; nc: number } {
  const want = threads > 1 ? 4 * threads : 1;
  let mc = Math.min(128, roundUp(m, 4));
  if (batch * Math.ceil(m / mc) < want) mc = Math.max(32, roundUp(Math.ceil((m * batch) / want), 4));
  mc = Math.min(mc, roundUp(m, 4));
  let nc = roundUp(n, 8);
  const tiles = batch * Math.ceil(m / mc);
  if (tiles < want) nc = Math.max(64, roundUp(Math.ceil(n / Math.ceil(want / tiles)), 8));
  return { mc, nc: Math.min(nc, roundUp(n, 8)) };
}

/** Bytes of the padded C of a GEMM (see GemmResult). */
export function gemmCBytes(batch: number, m: number, n: number): number {
  return batch * roundUp(m, 4) * roundUp(n, 8) * 4;
}

/** Packs B, then runs C = A * B (+ bias, relu) over all threads; C goes to `cPtr` when given (gemmCBytes). */
export function runGemm(rt: WasmRuntime, p: GemmProblem, cPtr = -1): GemmResult {
  const { batch, m, n, k } = p;
  if (batch === 0 || m === 0 || n === 0) return { ptr: 0, ldc: n, batchStride: m * n }; // nothing to compute
  const heap = rt.heap;
  const macs = batch * m * n * k;
  const threads = macs >= PARALLEL_MIN_MACS ? rt.threads : 1;
  const { mc, nc } = chooseBlocks(m, n, batch, threads);
  const ldc = roundUp(n, 8);
  const bpBatchStride = ldc * k;
  const bpPtr = heap.alloc(p.b.batches * bpBatchStride * 4);
  const cBatchStride = roundUp(m, 4) * ldc;
  if (cPtr < 0) cPtr = heap.alloc(batch * cBatchStride * 4);
  const scratchStride = mc * J.KC * 4;
  const scratchPtr = heap.alloc(threads * scratchStride);

  let job = rt.newJob();
  job[J.J_N] = n;
  job[J.J_K] = k;
  job[J.J_BP_PTR] = bpPtr;
  job[J.J_BP_BATCH_STRIDE] = bpBatchStride;
  job[J.J_PB_PTR] = p.b.ptr;
  job[J.J_PB_BATCH_STRIDE] = p.b.batchStride;
  job[J.J_PB_RS] = p.b.rs;
  job[J.J_PB_CS] = p.b.cs;
  job[J.J_NTASKS] = p.b.batches * (ldc / 8);
  rt.run(J.OP_PACK_B, p.b.batches * k * n >= PARALLEL_MIN_MACS / 4);

  job = rt.newJob();
  job[J.J_M] = m;
  job[J.J_N] = n;
  job[J.J_K] = k;
  job[J.J_MC] = mc;
  job[J.J_NC] = nc;
  job[J.J_TILES_M] = Math.ceil(m / mc);
  job[J.J_TILES_N] = Math.ceil(n / nc);
  job[J.J_NTASKS] = batch * job[J.J_TILES_M] * job[J.J_TILES_N];
  p.setA(job);
  job[J.J_BP_PTR] = bpPtr;
  job[J.J_BP_BATCH_STRIDE] = p.b.batches === 1 ? 0 : bpBatchStride;
  job[J.J_C_PTR] = cPtr;
  job[J.J_LDC] = ldc;
  job[J.J_C_BATCH_STRIDE] = cBatchStride;
  job[J.J_BIAS_PTR] = p.biasPtr;
  job[J.J_FLAGS] = p.relu ? J.EPILOGUE_RELU : 0;
  job[J.J_SCRATCH_PTR] = scratchPtr;
  job[J.J_SCRATCH_STRIDE] = scratchStride;
  rt.run(J.OP_GEMM, threads > 1);
  return { ptr: cPtr, ldc, batchStride: cBatchStride };
}

/**
 * C = A * B (+ bias, relu) for m <= 4 rows per batch entry with A and B row-major in the heap,
 * read in place: packing B (a whole weight matrix, for a one-sample predict) would cost more than
 * the product. Same kc blocking and madd order as runGemm, so the same bits. B must be followed
 * by at least 28 readable bytes (the last 8-column panel may read past n).
 */
export function runGemmRows(
  rt: WasmRuntime, batch: number, m: number, n: number, k: number,
  a: { ptr: number; batchStride: number }, b: { ptr: number; batchStride: number }, biasPtr: number, relu: boolean, cPtr: number,
): GemmResult {
  const ldc = roundUp(n, 8);
  const cBatchStride = roundUp(m, 4) * ldc;
  if (batch === 0 || m === 0 || n === 0) return { ptr: cPtr, ldc, batchStride: cBatchStride };
  const parallel = rt.threads > 1 && batch * n * k >= ROWS_PARALLEL_MIN;
  const nc = parallel ? Math.max(64, roundUp(Math.ceil(n / (4 * rt.threads)), 8)) : ldc;
  const job = rt.newJob();
  job[J.J_M] = m;
  job[J.J_N] = n;
  job[J.J_K] = k;
  job[J.J_NC] = nc;
  job[J.J_TILES_N] = Math.ceil(n / nc);
  job[J.J_NTASKS] = batch * job[J.J_TILES_N];
  job[J.J_A_PTR] = a.ptr;
  job[J.J_A_RS] = k;
  job[J.J_A_BATCH_STRIDE] = a.batchStride;
  job[J.J_PB_PTR] = b.ptr;
  job[J.J_PB_RS] = n;
  job[J.J_PB_BATCH_STRIDE] = b.batchStride;
  job[J.J_C_PTR] = cPtr;
  job[J.J_LDC] = ldc;
  job[J.J_C_BATCH_STRIDE] = cBatchStride;
  job[J.J_BIAS_PTR] = biasPtr;
  job[J.J_FLAGS] = relu ? J.EPILOGUE_RELU : 0;
  rt.run(J.OP_GEMM_ROWS, parallel);
  return { ptr: cPtr, ldc, batchStride: cBatchStride };
}

/** Squeezes the m x n matrices of a padded C into dense rows at its start; returns that offset. */
export function compactC(rt: WasmRuntime, c: GemmResult, batch: number, m: number, n: number): number {
  const dense = c.ldc === n && (batch === 1 || c.batchStride === m * n);
  if (!dense) {
    const job = rt.newJob();
    job[J.J_C_PTR] = c.ptr;
    job[J.J_BATCH] = batch;
    job[J.J_M] = m;
    job[J.J_N] = n;
    job[J.J_LDC] = c.ldc;
    job[J.J_C_BATCH_STRIDE] = c.batchStride;
    rt.run(J.OP_COMPACT_C, false);
  }
  return c.ptr;
}

/** The dense m x n matrices of a padded C as the call's result (Heap.resultF32). */
export function extractC(rt: WasmRuntime, c: GemmResult, batch: number, m: number, n: number): Float32Array {
  return rt.heap.resultF32(compactC(rt, c, batch, m, n), batch * m * n);
}

/** Copies a bias into the heap, zero padded to roundUp(n, 8) floats; 0 when there is none. */
export function allocBias(rt: WasmRuntime, bias: Float32Array | null | undefined, n: number): number {
  if (!bias) return 0;
  const ptr = rt.heap.alloc(roundUp(n, 8) * 4);
  const view = rt.heap.f32(ptr, roundUp(n, 8));
  view.fill(0);
  view.set(bias.subarray(0, n));
  return ptr;
}
