import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { conv2dTransposeInfo, type Pair, type Padding } from './conv_geometry';
import { float } from './util';

export interface Conv2dTransposeOptions {
  strides?: Pair;
  padding?: Padding;
  /** Extra rows / columns at the end of the output (each below its stride); null: Keras's default size. */
  outputPadding?: Pair | null;
  dilationRate?: Pair;
}

const NOTHING = new Float32Array(0);

/**
 * Transposed 2D convolution (TensorFlow's conv2d_transpose, Keras's Conv2DTranspose): x NHWC
 * [b, h, w, inC], filter [kh, kw, filters, inC], output [b, outH, outW, filters] sized as Keras's
 * deconv_output_length. It is the input gradient of the conv2d it transposes, so it runs on the
 * conv2d kernels: forward conv2dBackward's input gradient of dy = x; its gradients are that conv2d
 * (w.r.t. x) and conv2dBackward's filter gradient with the roles swapped (input dy, output grad x).
 */
export function conv2dTranspose(x: Tensor, filter: Tensor, options: Conv2dTransposeOptions = {}): Tensor {
  const { strides = 1, padding = 'valid', outputPadding = null, dilationRate = 1 } = options;
  const info = conv2dTransposeInfo(x.shape, filter.shape, strides, padding, outputPadding, dilationRate);
  const none = { input: false, filter: false, bias: false };
  // The conv's input x is not read for its input gradient.
  const y = getBackend().conv2dBackward(NOTHING, filter.f32, x.f32, null, info, { ...none, input: true }, 'linear').dx as Float32Array;
  const out = float(y, [info.batch, info.inHeight, info.inWidth, info.inChannels]);
  return record(out, 'conv2dTranspose', [x, filter], (dy) => {
    const b = getBackend();
    const dx = x.requiresGrad ? float(b.conv2d(dy.f32, filter.f32, info), x.shape) : null;
    const dw = filter.requiresGrad
      ? float(b.conv2dBackward(dy.f32, filter.f32, x.f32, null, info, { ...none, filter: true }, 'linear').dw as Float32Array, filter.shape)
      : null;
    return [dx, dw];
  });
}
