import { getBackend } from '../backends/registry';
import type { FusedActivation } from '../backends/backend';
import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import { conv2dInfo, type Pair, type Padding } from './conv_geometry';
import { float } from './util';

export interface Conv2dOptions {
  strides?: Pair;
  padding?: Padding;
  dilationRate?: Pair;
  /** Fused epilogue: a [outChannels] bias, then the activation. */
  bias?: Tensor | null;
  activation?: FusedActivation;
}

/**
 * 2D convolution (cross-correlation, as every framework computes it): x NHWC,
 * filter [kh, kw, inChannels, outChannels], TensorFlow's 'same' padding rule.
 */
export function conv2d(x: Tensor, filter: Tensor, options: Conv2dOptions = {}): Tensor {
  const { strides = 1, padding = 'valid', dilationRate = 1, bias = null, activation = 'linear' } = options;
  const info = conv2dInfo(x.shape, filter.shape, strides, padding, dilationRate);
  if (bias && (bias.rank !== 1 || bias.shape[0] !== info.outChannels)) {
    throw new ShapeError(`conv2d: bias must have shape [${info.outChannels}], got ${fmtShape(bias.shape)}`);
  }
  const b = getBackend();
  const shape = [info.batch, info.outHeight, info.outWidth, info.outChannels];
  const out = float(b.conv2d(x.f32, filter.f32, info, bias ? bias.f32 : null, activation), shape);
  const inputs = bias ? [x, filter, bias] : [x, filter];
  return record(out, 'conv2d', inputs, (dy) => {
    // One fused kernel: relu mask, input, filter and bias gradients from the same masked dy.
    const need = { input: x.requiresGrad, filter: filter.requiresGrad, bias: bias !== null && bias.requiresGrad };
    const g = getBackend().conv2dBackward(x.f32, filter.f32, dy.f32, activation === 'relu' ? out.f32 : null, info, need, activation);
    const grads = [g.dx && float(g.dx, x.shape), g.dw && float(g.dw, filter.shape)];
    if (bias) grads.push(g.db && float(g.db, bias.shape));
    return grads;
  });
}
