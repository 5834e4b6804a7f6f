import type { Backend } from '../backend';
import { matMul } from './gemm';
import { conv2d } from './conv2d';
import { conv2dBackward } from './conv2d_backward';
import { depthwiseConv2d, depthwiseConv2dBackward } from './depthwise_conv2d';
import { adamUpdate } from './adam';
import { dropoutMask } from './dropout_mask';
import { normalNoise } from './normal_noise';
import { batchNormBackward, batchNormForward, batchNormInference, batchNormInferenceBackward } from './batch_norm';
import { maxPool2d, maxPool2dGrad } from './max_pool';
import { avgPool2d, avgPool2dGrad } from './avg_pool';
import { unary, binary } from './elementwise';
import { argmax, reduce } from './reduce';
import { cast, oneHot } from './cast';
import { clip, clipGrad, elu, eluGrad, reluGrad } from './pointwise';
import { activation, activationGrad } from './activations';
import { concat, gather, gatherGrad, slice, sliceGrad } from './slice';
import { logSoftmax, logSoftmaxGrad, softmaxGrad } from './softmax';
import { transpose } from './transpose';
import { resize2d, resize2dGrad } from './resize';
import { imageTransform, imageTransformGrad } from './image_transform';
import { layerNormBackward, layerNormForward } from './layer_norm';

/** Plain TypeScript kernels: the readable reference every fast kernel is tested against. */
export const referenceBackend: Backend = {
  name: 'reference',
  matMul,
  conv2d,
  conv2dBackward,
  depthwiseConv2d,
  depthwiseConv2dBackward,
  batchNormForward,
  batchNormBackward,
  batchNormInference,
  batchNormInferenceBackward,
  dropoutMask,
  normalNoise,
  maxPool2d,
  maxPool2dGrad,
  avgPool2d,
  avgPool2dGrad,
  unary,
  binary,
  reduce,
  transpose,
  argmax,
  reluGrad,
  elu,
  eluGrad,
  activation,
  activationGrad,
  clip,
  clipGrad,
  logSoftmax,
  softmaxGrad,
  logSoftmaxGrad,
  slice,
  sliceGrad,
  concat,
  gather,
  gatherGrad,
  cast,
  oneHot,
  adamUpdate,
  resize2d,
  resize2dGrad,
  imageTransform,
  imageTransformGrad,
  layerNormForward,
  layerNormBackward,
};
