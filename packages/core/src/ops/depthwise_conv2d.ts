import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import type { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import type { Conv2dOptions } from './conv2d';
import { depthwiseConv2dInfo } from './conv_geometry';
import { float } from './util';

/**
 * Depthwise 2D convolution, NHWC: filter [kh, kw, inChannels, depthMultiplier]; output channel
 * c * depthMultiplier + m is input channel c convolved with filter[:, :, c, m] (TensorFlow's
 * depthwise_conv2d). Options as conv2d's; the fused bias is [inChannels * depthMultiplier].
 */
export function depthwiseConv2d(x: Tensor, filter: Tensor, options: Conv2dOptions = {}): Tensor {
  const { strides = 1, padding = 'valid', dilationRate = 1, bias = null, activation = 'linear' } = options;
  const info = depthwiseConv2dInfo(x.shape, filter.shape, strides, padding, dilationRate);
  if (bias && (bias.rank !== 1 || bias.shape[0] !== info.outChannels)) {
    throw new ShapeError(`depthwiseConv2d: bias must have shape [${info.outChannels}], got ${fmtShape(bias.shape)}`);
  }
  const shape = [info.batch, info.outHeight, info.outWidth, info.outChannels];
  const out = float(getBackend().depthwiseConv2d(x.f32, filter.f32, info, bias ? bias.f32 : null, activation), shape);
  const inputs = bias ? [x, filter, bias] : [x, filter];
  return record(out, 'depthwiseConv2d', inputs, (dy) => {
    const need = { input: x.requiresGrad, filter: filter.requiresGrad, bias: bias !== null && bias.requiresGrad };
    const g = getBackend().depthwiseConv2dBackward(x.f32, filter.f32, dy.f32, activation === 'relu' ? out.f32 : null, info, need, activation);
    const grads = [g.dx && float(g.dx, x.shape), g.dw && float(g.dw, filter.shape)];
    if (bias) grads.push(g.db && float(g.db, bias.shape));
    return grads;
  });
}
