import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { chunkedSums } from '../row_chunks';
import { conv2dFilterGrad } from './conv2d_filter_grad';
import { conv2dInputGrad } from './conv2d_input_grad';

/** dy where y > 0, else 0: the ReLU backward given its output. */
export function reluGrad(dy: Float32Array, y: Float32Array): Float32Array {
  const g = new Float32Array(dy.length);
  for (let i = 0; i < g.length; i++) g[i] = y[i] > 0 ? dy[i] : 0;
  return g;
}

/** Per-channel sums of [rows, channels] data, accumulated in float64 in row_chunks.ts's order. */
export function channelSums(x: Float32Array, channels: number): Float32Array {
  return Float32Array.from(chunkedSums(x.length / channels, channels, (i, j) => x[i + j]));
}

/** Backend.conv2dBackward composed from the separate gradient kernels, on one masked dy. */
export function conv2dBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
  info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
): Conv2dGrads {
  let g = dy;
  if (activation === 'relu') {
    if (!y) throw new ValueError("conv2dBackward: activation 'relu' needs the forward output y, got null");
    g = reluGrad(dy, y);
  }
  return {
    dx: need.input ? conv2dInputGrad(g, w, info) : null,
    dw: need.filter ? conv2dFilterGrad(x, g, info) : null,
    db: need.bias ? channelSums(g, info.outChannels) : null,
  };
}
