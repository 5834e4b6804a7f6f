import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { setChannelBlocks } from './channel_blocks';
import { conv2dFilterGradInHeap, conv2dInputGradInHeap } from './conv2d';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/**
 * Backend.conv2dBackward in wasm. dy is copied into the heap once; one channel-blocked pass masks
 * it in place by the relu output and sums the bias gradient; then both gradient GEMMs read that
 * masked dy where it lies. Saves, per call, a JS mask loop with its fresh output, a reduce, and a
 * copy of dy into the heap per GEMM.
 */
export function conv2dBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
  info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
): Conv2dGrads {
  if (activation === 'relu' && !y) throw new ValueError("conv2dBackward: activation 'relu' needs the forward output y, got null");
  const rt = getRuntime();
  const heap = rt.heap;
  heap.reset();
  const channels = info.outChannels;
  const dyPtr = heap.allocF32(dy.length, dy); // masked in place: always a private copy
  let dbPtr = -1;
  if ((activation === 'relu' && y) || need.bias) {
    const job = rt.newJob();
    job[J.J_DY_PTR] = dyPtr;
    job[J.J_MASK_PTR] = activation === 'relu' && y ? heap.input(y) : 0;
    if (need.bias) dbPtr = heap.alloc(channels * 4);
    job[J.J_D_BETA_PTR] = Math.max(dbPtr, 0);
    job[J.J_ACC_PTR] = need.bias ? heap.alloc(channels * 8) : 0;
    rt.run(J.OP_RELU_GRAD_BIAS, setChannelBlocks(rt, job, dy.length / channels, channels));
  }
  const dwPtr = need.filter ? conv2dFilterGradInHeap(rt, heap.input(x), dyPtr, info) : -1;
  const dxPtr = need.input ? conv2dInputGradInHeap(rt, dyPtr, w, info) : -1;
  // Results in allocation (= address) order, as Heap.resultF32 requires.
  const filterSize = info.kernelHeight * info.kernelWidth * info.inChannels * info.outChannels;
  const inputSize = info.batch * info.inHeight * info.inWidth * info.inChannels;
  const db = dbPtr >= 0 ? heap.resultF32(dbPtr, channels) : null;
  const dw = dwPtr >= 0 ? heap.resultF32(dwPtr, filterSize) : null;
  const dx = dxPtr >= 0 ? heap.resultF32(dxPtr, inputSize) : null;
  return { dx, dw, db };
}
