import type { BatchNormForwardResult, BatchNormGrads } from '../backend';
import { setChannelBlocks } from './channel_blocks';
import type { Heap } from './heap';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** A per-channel parameter in the heap; a missing gamma / beta becomes ones / zeros, so the kernel has one path. */
function allocParam(heap: Heap, values: Float32Array | null, channels: number, fill: number): number {
  const ptr = heap.allocF32(channels, values ?? undefined);
  if (!values) heap.f32(ptr, channels).fill(fill);
  return ptr;
}

/** Backend.batchNormForward in wasm: statistics in float64, the same bits as the reference. */
export function batchNormForward(
  x: Float32Array, gamma: Float32Array | null, beta: Float32Array | null, channels: number, epsilon: number,
): BatchNormForwardResult {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const yPtr = heap.alloc(x.length * 4); // first: the result needs no move
  const xPtr = heap.input(x);
  const gammaPtr = allocParam(heap, gamma, channels, 1);
  const betaPtr = allocParam(heap, beta, channels, 0);
  const [meanPtr, variancePtr, invStdPtr] = [0, 1, 2].map(() => heap.alloc(channels * 4));
  const epsilonPtr = heap.alloc(8);
  new Float64Array(heap.memory.buffer, epsilonPtr, 1)[0] = epsilon;
  const accPtr = heap.alloc(channels * 8);
  const job = rt.newJob();
  const parallel = setChannelBlocks(rt, job, x.length / channels, channels);
  job[J.J_X_PTR] = xPtr;
  job[J.J_OUT_PTR] = yPtr;
  job[J.J_GAMMA_PTR] = gammaPtr;
  job[J.J_BETA_PTR] = betaPtr;
  job[J.J_MEAN_PTR] = meanPtr;
  job[J.J_VARIANCE_PTR] = variancePtr;
  job[J.J_INV_STD_PTR] = invStdPtr;
  job[J.J_EPSILON_PTR] = epsilonPtr;
  job[J.J_ACC_PTR] = accPtr;
  rt.run(J.OP_BATCH_NORM_FORWARD, parallel);
  return {
    y: heap.resultF32(yPtr, x.length),
    mean: heap.copyOutF32(meanPtr, channels),
    variance: heap.copyOutF32(variancePtr, channels),
    invStd: heap.copyOutF32(invStdPtr, channels),
  };
}

/** Backend.batchNormBackward in wasm: gradient sums in float64, the same bits as the reference. */
export function batchNormBackward(
  x: Float32Array, dy: Float32Array, mean: Float32Array, invStd: Float32Array, gamma: Float32Array | null, channels: number,
): BatchNormGrads {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const dxPtr = heap.alloc(x.length * 4); // first: the result needs no move
  const xPtr = heap.input(x);
  const dyPtr = heap.input(dy);
  const meanPtr = heap.allocF32(channels, mean);
  const invStdPtr = heap.allocF32(channels, invStd);
  const gammaPtr = allocParam(heap, gamma, channels, 1);
  const [dGammaPtr, dBetaPtr] = [0, 1].map(() => heap.alloc(channels * 4));
  // Two f64 sums per channel, then three f32 coefficients per channel.
  const accPtr = heap.alloc(channels * (16 + 12));
  const job = rt.newJob();
  const parallel = setChannelBlocks(rt, job, x.length / channels, channels);
  job[J.J_X_PTR] = xPtr;
  job[J.J_DY_PTR] = dyPtr;
  job[J.J_OUT_PTR] = dxPtr;
  job[J.J_MEAN_PTR] = meanPtr;
  job[J.J_INV_STD_PTR] = invStdPtr;
  job[J.J_GAMMA_PTR] = gammaPtr;
  job[J.J_D_GAMMA_PTR] = dGammaPtr;
  job[J.J_D_BETA_PTR] = dBetaPtr;
  job[J.J_ACC_PTR] = accPtr;
  rt.run(J.OP_BATCH_NORM_BACKWARD, parallel);
  return {
    dx: heap.resultF32(dxPtr, x.length),
    dGamma: heap.copyOutF32(dGammaPtr, channels),
    dBeta: heap.copyOutF32(dBetaPtr, channels),
  };
}

/** Below this many elements the affine map stays on the main thread. */
const INFERENCE_PARALLEL_MIN = 1 << 17;

/** Backend.batchNormInference in wasm, one task per block of rows. */
export function batchNormInference(x: Float32Array, scale: Float32Array, shift: Float32Array, channels: number): Float32Array {
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const yPtr = heap.alloc(x.length * 4); // first: the result needs no move
  const job = rt.newJob();
  job[J.J_X_PTR] = heap.input(x);
  job[J.J_GAMMA_PTR] = heap.allocF32(channels, scale);
  job[J.J_BETA_PTR] = heap.allocF32(channels, shift);
  job[J.J_OUT_PTR] = yPtr;
  const rows = x.length / channels;
  const parallel = rt.threads > 1 && x.length >= INFERENCE_PARALLEL_MIN;
  const block = Math.max(1, Math.ceil(rows / (parallel ? 4 * rt.threads : 1)));
  job[J.J_M] = rows;
  job[J.J_N] = channels;
  job[J.J_CHANNEL_BLOCK] = block;
  job[J.J_NTASKS] = Math.ceil(rows / block);
  rt.run(J.OP_BATCH_NORM_INFERENCE, parallel);
  return heap.resultF32(yPtr, x.length);
}
