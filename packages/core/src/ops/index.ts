export { add, sub, mul, div, pow, maximum, minimum, greaterEqual, equal } from './arithmetic';
export { neg, exp, log, sqrt, square, abs, clip } from './unary';
export { relu, sigmoid, tanh, elu, softmax, logSoftmax } from './activations';
export {
  reluWith, relu6, leakyRelu, selu, gelu, silu, mish, softplus, softsign, hardSigmoid, hardSilu, type ReluOptions,
} from './pointwise_activations';
export { sum, mean, max, min, argmax, broadcastTo, sumToShape } from './reductions';
export { reshape, expandDims, squeeze } from './reshape';
export { transpose } from './transpose';
export { slice, concat, gather } from './slice';
export { cast, oneHot } from './cast';
export { matMul, type MatMulOptions } from './matmul';
export { conv2d, type Conv2dOptions } from './conv2d';
export { depthwiseConv2d } from './depthwise_conv2d';
export { conv2dTranspose, type Conv2dTransposeOptions } from './conv2d_transpose';
export { maxPool2d, type MaxPool2dOptions } from './max_pool';
export { avgPool2d, type AvgPool2dOptions } from './avg_pool';
export { conv2dInfo, depthwiseConv2dInfo, conv2dTransposeInfo, deconvOutputLength, pool2dInfo, axisGeometry, type Padding } from './conv_geometry';
export { dropout, dropoutMask, type DropoutOptions } from './dropout';
export { gaussianNoise } from './gaussian_noise';
export { batchNormTraining, batchNormInference, type BatchNormResult } from './batch_norm';
export { pad } from './pad';
export { upSampling2d, resize2dInfo, type Interpolation } from './resize';
export { affineTransform, FILL_MODES, INTERPOLATIONS, type AffineTransformOptions, type FillMode } from './image_transform';
export { layerNorm } from './layer_norm';
