import type { Backend } from '../backend';
import { referenceBackend } from '../reference';
import { batchNormBackward, batchNormForward, batchNormInference } from './batch_norm';
import { conv2d } from './conv2d';
import { conv2dBackward } from './conv2d_backward';
import { depthwiseConv2d, depthwiseConv2dBackward } from './depthwise_conv2d';
import { matMul } from './matmul';
import { adamUpdate } from './adam';
import { binary } from './binary';
import { dropoutMask } from './dropout_mask';
import { maxPool2d, maxPool2dGrad } from './max_pool';
import { avgPool2d, avgPool2dGrad } from './avg_pool';
import { resize2d, resize2dGrad } from './resize';
import { layerNormBackward, layerNormForward } from './layer_norm';
import { getRuntime } from './runtime';
import { imageTransform, imageTransformGrad } from './image_transform';
import { reluGrad } from './relu_grad';

/**
 * WebAssembly SIMD kernels on all cores for the ops that dominate training (GEMM, convolutions and
 * their fused backward, depthwise convolutions, batch norm, max and average pool and their gradients, dropout masks, image transforms). Elementwise ops,
 * reductions, transposes, the softmax family and data movement are memory-bound and cheap next
 * to them, so they run on the reference kernels.
 */
export const wasmBackend: Backend = {
  name: 'wasm',
  matMul,
  conv2d,
  conv2dBackward,
  depthwiseConv2d,
  depthwiseConv2dBackward,
  batchNormForward,
  batchNormBackward,
  batchNormInference,
  // Rare (training through a frozen BatchNormalization) and memory-bound: the reference kernel.
  batchNormInferenceBackward: referenceBackend.batchNormInferenceBackward,
  dropoutMask,
  // Box-Muller needs log, sin and cos: AssemblyScript's differ from V8's in the last bit, so a wasm
  // sampler would break the backends' bit-identity. The draws are cheap next to the layer's work.
  normalNoise: referenceBackend.normalNoise,
  maxPool2d,
  maxPool2dGrad,
  avgPool2d,
  avgPool2dGrad,
  unary: referenceBackend.unary,
  binary,
  reduce: referenceBackend.reduce,
  transpose: referenceBackend.transpose,
  argmax: referenceBackend.argmax,
  reluGrad,
  elu: referenceBackend.elu,
  eluGrad: referenceBackend.eluGrad,
  activation: referenceBackend.activation,
  activationGrad: referenceBackend.activationGrad,
  clip: referenceBackend.clip,
  clipGrad: referenceBackend.clipGrad,
  logSoftmax: referenceBackend.logSoftmax,
  softmaxGrad: referenceBackend.softmaxGrad,
  logSoftmaxGrad: referenceBackend.logSoftmaxGrad,
  slice: referenceBackend.slice,
  sliceGrad: referenceBackend.sliceGrad,
  concat: referenceBackend.concat,
  gather: referenceBackend.gather,
  gatherGrad: referenceBackend.gatherGrad,
  cast: referenceBackend.cast,
  oneHot: referenceBackend.oneHot,
  adamUpdate,
  resize2d,
  resize2dGrad,
  imageTransform,
  imageTransformGrad,
  layerNormForward,
  layerNormBackward,
  enterScope: () => getRuntime().heap.enterScope(),
  exitScope: () => getRuntime().heap.exitScope(),
  allocPersistent: (count: number) => getRuntime().heap.allocPersistent(count),
};
