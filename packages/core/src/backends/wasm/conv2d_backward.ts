import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { conv2dFilterGradInHeap, conv2dInputGradInHeap } from './conv2d';
import { publishConvGrads, startConvBackward } from './conv_backward_prologue';
import { getRuntime } from './runtime';

/**
 * Backend.conv2dBackward in wasm: dy masked and the bias gradient summed in one pass
 * (startConvBackward), then both gradients read that masked dy where it lies.
 */
export function conv2dBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
  info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
): Conv2dGrads {
  if (activation === 'relu' && !y) throw new ValueError("conv2dBackward: activation 'relu' needs the forward output y, got null");
  const rt = getRuntime();
  const sizes = {
    channels: info.outChannels,
    filter: info.kernelHeight * info.kernelWidth * info.inChannels * info.outChannels,
    input: info.batch * info.inHeight * info.inWidth * info.inChannels,
  };
  const p = startConvBackward(rt, dy, activation === 'relu' ? y : null, need, sizes);
  if (need.filter) conv2dFilterGradInHeap(rt, rt.heap.input(x), p.dy, info, p.dw);
  if (need.input) conv2dInputGradInHeap(rt, p.dy, w, info, p.dx);
  return publishConvGrads(rt, p, sizes);
}
