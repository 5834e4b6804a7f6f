import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { pool2dInfo } from './conv_geometry';
import type { MaxPool2dOptions } from './max_pool';
import { float } from './util';

export type AvgPool2dOptions = MaxPool2dOptions;

/**
 * Average pooling over NHWC windows. With 'same' padding each window averages only its in-image
 * pixels, as TensorFlow does (the divisor is their count, not the window size).
 */
export function avgPool2d(x: Tensor, options: AvgPool2dOptions = {}): Tensor {
  const { poolSize = 2, padding = 'valid' } = options;
  const info = pool2dInfo(x.shape, poolSize, options.strides ?? poolSize, padding, 'avgPool2d');
  const out = float(getBackend().avgPool2d(x.f32, info), [info.batch, info.outHeight, info.outWidth, info.channels]);
  return record(out, 'avgPool2d', [x], (dy) => [float(getBackend().avgPool2dGrad(dy.f32, info), x.shape)]);
}
