/**
 * @strata/layers: the Keras layers of the article's model, with Keras's semantics.
 */
export { Layer, LAYER_KEYS, type LayerArgs, type CallArgs, type PlannedWeight } from './engine/layer';
export { type InputSpec } from './engine/input_spec';
export { type LayerShape } from './engine/shape';
/** Re-exported from @strata/core, where the one shape formatter lives. */
export { fmtShape } from '@strata/core';
export { Dense, type DenseArgs } from './core/dense';
export { Activation, type ActivationArgs } from './core/activation';
export { InputLayer } from './core/input_layer';
export { Conv2D, type Conv2DArgs } from './convolutional/conv2d';
export { DepthwiseConv2D, type DepthwiseConv2DArgs } from './convolutional/depthwise_conv2d';
export { SeparableConv2D, type SeparableConv2DArgs } from './convolutional/separable_conv2d';
export { Conv2DTranspose, type Conv2DTransposeArgs } from './convolutional/conv2d_transpose';
export { MaxPooling2D, type MaxPooling2DArgs } from './pooling/max_pooling2d';
export { AveragePooling2D, type AveragePooling2DArgs } from './pooling/average_pooling2d';
export { type GlobalPoolingArgs } from './pooling/global_pooling';
export { Conv1D, type Conv1DArgs } from './convolutional/conv1d';
export { MaxPooling1D, type MaxPooling1DArgs } from './pooling/max_pooling1d';
export { AveragePooling1D, type AveragePooling1DArgs } from './pooling/average_pooling1d';
export { GlobalAveragePooling2D } from './pooling/global_average_pooling2d';
export { GlobalMaxPooling2D } from './pooling/global_max_pooling2d';
export { GlobalAveragePooling1D } from './pooling/global_average_pooling1d';
export { GlobalMaxPooling1D } from './pooling/global_max_pooling1d';
export { Dropout, type DropoutArgs } from './regularization/dropout';
export { Flatten, type FlattenArgs } from './reshaping/flatten';
export { BatchNormalization, type BatchNormalizationArgs } from './normalization/batch_normalization';
export { Reshape, type ReshapeArgs } from './reshaping/reshape';
export { Permute, type PermuteArgs } from './reshaping/permute';
export { ZeroPadding2D, type ZeroPadding2DArgs } from './reshaping/zero_padding2d';
export { Cropping2D, type Cropping2DArgs } from './reshaping/cropping2d';
export { UpSampling2D, type UpSampling2DArgs } from './reshaping/up_sampling2d';
export { type Amounts2D } from './utils/args';
export { Rescaling, type RescalingArgs } from './preprocessing/rescaling';
export { RandomFlip, type RandomFlipArgs, type FlipMode } from './preprocessing/random_flip';
export { RandomRotation, type RandomRotationArgs } from './preprocessing/random_rotation';
export { RandomZoom, type RandomZoomArgs } from './preprocessing/random_zoom';
export { RandomTranslation, type RandomTranslationArgs } from './preprocessing/random_translation';
export { RandomImageLayer, ResamplingImageLayer, type RandomImageLayerArgs, type ResamplingArgs, type Factor } from './preprocessing/random_image_layer';
export { hasRngState, type RngStateful } from './engine/rng_stateful';
export { ReLU, type ReLUArgs } from './activations/relu';
export { LeakyReLU, type LeakyReLUArgs } from './activations/leaky_relu';
export { PReLU, type PReLUArgs } from './activations/prelu';
export { ELU, type ELUArgs } from './activations/elu';
export { Softmax, type SoftmaxArgs } from './activations/softmax';
export { LayerNormalization, type LayerNormalizationArgs } from './normalization/layer_normalization';
export { SpatialDropout2D, type SpatialDropout2DArgs } from './regularization/spatial_dropout2d';
export { GaussianNoise, type GaussianNoiseArgs } from './regularization/gaussian_noise';
export * as initializers from './initializers';
export { getInitializer, type Initializer, type InitializerIdentifier } from './initializers';
export * as regularizers from './regularizers';
export { l1, l2, l1l2, L1L2, getRegularizer, type RegularizerIdentifier } from './regularizers';
export * as constraints from './constraints';
export {
  Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm, maxNorm, minMaxNorm, nonNeg, unitNorm, getConstraint, serializeConstraint,
  type ConstraintIdentifier,
} from './constraints';
export { applyActivation, checkActivation, type ActivationIdentifier } from './activation_functions';
export { registerLayer, deserializeLayer, serializeLayer, supportedLayerClasses } from './registry';
