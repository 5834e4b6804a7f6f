import type { BatchNormGrads, LayerNormForwardResult } from '../backend';
import { reductionChunkRows, sumChunks } from '../row_chunks';
import type { Heap } from './heap';
import * as J from './job_layout';
import { getRuntime, type WasmRuntime } from './runtime';

/** Below this many elements a layer norm stays on the main thread. */
const PARALLEL_MIN = 1 << 17;

/** A per-feature parameter in the heap; a missing gamma / beta becomes ones / zeros, so the kernels have one path. */
function allocParam(heap: Heap, values: Float32Array | null, features: number, fill: number): number {
  const ptr = heap.allocF32(features, values ?? undefined);
  if (!values) heap.f32(ptr, features).fill(fill);
  return ptr;
}

/** Row blocks: each row is computed alone, so any blocking gives the same bits. */
function setRowBlocks(rt: WasmRuntime, job: Uint32Array, rows: number, features: number): boolean {
  const parallel = rt.threads > 1 && rows * features >= PARALLEL_MIN;
  const block = Math.max(1, Math.ceil(rows / (parallel ? 4 * rt.threads : 1)));
  job[J.J_M] = rows;
  job[J.J_N] = features;
  job[J.J_CHANNEL_BLOCK] = block;
  job[J.J_NTASKS] = Math.ceil(rows / block);
  return parallel;
}

/** Backend.layerNormForward in wasm: one task per block of rows. */
export function layerNormForward(x: Float32Array, gamma: Float32Array | null, beta: Float32Array | null, features: number, epsilon: number): LayerNormForwardResult {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const rows = x.length / features;
  const yPtr = heap.alloc(x.length * 4); // first: the result needs no move
  const job = rt.newJob();
  job[J.J_X_PTR] = heap.input(x);
  job[J.J_OUT_PTR] = yPtr;
  job[J.J_GAMMA_PTR] = allocParam(heap, gamma, features, 1);
  job[J.J_BETA_PTR] = allocParam(heap, beta, features, 0);
  const meanPtr = heap.alloc(rows * 4), invStdPtr = heap.alloc(rows * 4);
  job[J.J_MEAN_PTR] = meanPtr;
  job[J.J_INV_STD_PTR] = invStdPtr;
  const epsilonPtr = heap.alloc(8);
  new Float64Array(heap.memory.buffer, epsilonPtr, 1)[0] = epsilon;
  job[J.J_EPSILON_PTR] = epsilonPtr;
  rt.run(J.OP_LAYER_NORM_FORWARD, setRowBlocks(rt, job, rows, features));
  return { y: heap.resultF32(yPtr, x.length), mean: heap.copyOutF32(meanPtr, rows), invStd: heap.copyOutF32(invStdPtr, rows) };
}

/** Backend.layerNormBackward in wasm: one task per row chunk (dx, and the chunk's parameter sums, added in chunk order). */
export function layerNormBackward(x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, gamma: Float32Array | null, features: number): BatchNormGrads {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const rows = x.length / features;
  const chunkRows = reductionChunkRows(rows, features);
  const chunks = Math.ceil(rows / chunkRows);
  const dxPtr = heap.alloc(x.length * 4); // first: the result needs no move
  const job = rt.newJob();
  job[J.J_X_PTR] = heap.input(x);
  job[J.J_DY_PTR] = heap.input(dy);
  job[J.J_OUT_PTR] = dxPtr;
  job[J.J_MEAN_PTR] = heap.allocF32(rows, mean);
  job[J.J_INV_STD_PTR] = heap.allocF32(rows, invStd);
  job[J.J_GAMMA_PTR] = allocParam(heap, gamma, features, 1);
  const accPtr = heap.alloc(chunks * features * 16);
  job[J.J_ACC_PTR] = accPtr;
  job[J.J_M] = rows;
  job[J.J_N] = features;
  job[J.J_CHANNEL_BLOCK] = chunkRows;
  job[J.J_NTASKS] = chunks;
  rt.run(J.OP_LAYER_NORM_BACKWARD, rt.threads > 1 && chunks > 1 && x.length >= PARALLEL_MIN);
  const partials = new Float64Array(heap.memory.buffer, accPtr, chunks * features * 2);
  const dGamma = Float32Array.from(sumChunks(partials, chunks, features, 2, 1));
  const dBeta = Float32Array.from(sumChunks(partials, chunks, features, 2, 0));
  return { dx: heap.resultF32(dxPtr, x.length), dGamma, dBeta };
}
