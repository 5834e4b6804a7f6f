import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { pool2dInfo, type Pair, type Padding } from './conv_geometry';
import { float } from './util';

export interface MaxPool2dOptions {
  poolSize?: Pair;
  /** Defaults to poolSize, as Keras. */
  strides?: Pair;
  padding?: Padding;
}

/** Max pooling over NHWC windows; the gradient goes to the (first) max of each window. */
export function maxPool2d(x: Tensor, options: MaxPool2dOptions = {}): Tensor {
  const { poolSize = 2, padding = 'valid' } = options;
  const info = pool2dInfo(x.shape, poolSize, options.strides ?? poolSize, padding);
  const { y, argmax } = getBackend().maxPool2d(x.f32, info);
  const out = float(y, [info.batch, info.outHeight, info.outWidth, info.channels]);
  return record(out, 'maxPool2d', [x], (dy) => [float(getBackend().maxPool2dGrad(dy.f32, argmax, info), x.shape)]);
}
