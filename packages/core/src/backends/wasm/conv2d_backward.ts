import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { conv2dFilterGradInHeap, conv2dInputGradInHeap } from './conv2d';
import { maskedDyInHeap } from './conv_backward_prologue';
import { getRuntime } from './runtime';

/**
 * Backend.conv2dBackward in wasm: dy masked and the bias gradient summed in one pass
 * (maskedDyInHeap), then both gradient GEMMs read that masked dy where it lies.
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
  const { dyPtr, dbPtr } = maskedDyInHeap(rt, dy, activation === 'relu' ? y : null, channels, need.bias);
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
