import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { setChannelBlocks } from './channel_blocks';
import { conv2dFilterGradFromHeap, conv2dInputGradFromHeap } from './conv2d';
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
  const dyPtr = heap.allocF32(dy.length, dy);
  let db: Float32Array | null = null;
  if ((activation === 'relu' && y) || need.bias) {
    const job = rt.newJob();
    job[J.J_DY_PTR] = dyPtr;
    job[J.J_MASK_PTR] = activation === 'relu' && y ? heap.allocF32(y.length, y) : 0;
    const dbPtr = need.bias ? heap.alloc(channels * 4) : 0;
    job[J.J_D_BETA_PTR] = dbPtr;
    job[J.J_ACC_PTR] = need.bias ? heap.alloc(channels * 8) : 0;
    rt.run(J.OP_RELU_GRAD_BIAS, setChannelBlocks(rt, job, dy.length / channels, channels));
    if (need.bias) db = heap.copyOutF32(dbPtr, channels);
  }
  const dw = need.filter ? conv2dFilterGradFromHeap(rt, heap.allocF32(x.length, x), dyPtr, info) : null;
  const dx = need.input ? conv2dInputGradFromHeap(rt, dyPtr, w, info) : null;
  return { dx, dw, db };
}
