import { Registry } from '@strata/core';
import type { Layer } from './engine/layer';
import { reserveName } from './engine/names';
import { Activation } from './core/activation';
import { Dense } from './core/dense';
import { InputLayer } from './core/input_layer';
import { Conv2D } from './convolutional/conv2d';
import { DepthwiseConv2D } from './convolutional/depthwise_conv2d';
import { SeparableConv2D } from './convolutional/separable_conv2d';
import { Conv2DTranspose } from './convolutional/conv2d_transpose';
import { Conv1D } from './convolutional/conv1d';
import { MaxPooling1D } from './pooling/max_pooling1d';
import { AveragePooling1D } from './pooling/average_pooling1d';
import { MaxPooling2D } from './pooling/max_pooling2d';
import { AveragePooling2D } from './pooling/average_pooling2d';
import { GlobalAveragePooling2D } from './pooling/global_average_pooling2d';
import { GlobalMaxPooling2D } from './pooling/global_max_pooling2d';
import { GlobalAveragePooling1D } from './pooling/global_average_pooling1d';
import { GlobalMaxPooling1D } from './pooling/global_max_pooling1d';
import { Dropout } from './regularization/dropout';
import { Flatten } from './reshaping/flatten';
import { BatchNormalization } from './normalization/batch_normalization';
import { Reshape } from './reshaping/reshape';
import { LayerNormalization } from './normalization/layer_normalization';
import { SpatialDropout2D } from './regularization/spatial_dropout2d';
import { GaussianNoise } from './regularization/gaussian_noise';
import { Permute } from './reshaping/permute';
import { ZeroPadding2D } from './reshaping/zero_padding2d';
import { Cropping2D } from './reshaping/cropping2d';
import { UpSampling2D } from './reshaping/up_sampling2d';
import { Rescaling } from './preprocessing/rescaling';
import { RandomFlip } from './preprocessing/random_flip';
import { RandomRotation } from './preprocessing/random_rotation';
import { RandomZoom } from './preprocessing/random_zoom';
import { RandomTranslation } from './preprocessing/random_translation';
import { ReLU } from './activations/relu';
import { LeakyReLU } from './activations/leaky_relu';
import { PReLU } from './activations/prelu';
import { ELU } from './activations/elu';
import { Softmax } from './activations/softmax';

type FromConfig = (config: Record<string, unknown>) => Layer;

/** Keras class name -> factory. Deserialisation looks names up here; nothing is evaluated. */
const layerClasses = new Registry<FromConfig>('layer class')
  .register('Activation', Activation.fromConfig)
  .register('Dense', Dense.fromConfig)
  .register('InputLayer', InputLayer.fromConfig)
  .register('Conv2D', Conv2D.fromConfig)
  .register('DepthwiseConv2D', DepthwiseConv2D.fromConfig)
  .register('SeparableConv2D', SeparableConv2D.fromConfig, ['SeparableConvolution2D'])
  .register('Conv2DTranspose', Conv2DTranspose.fromConfig, ['Convolution2DTranspose'])
  .register('MaxPooling2D', MaxPooling2D.fromConfig, ['MaxPool2D'])
  .register('AveragePooling2D', AveragePooling2D.fromConfig, ['AvgPool2D'])
  .register('Conv1D', Conv1D.fromConfig, ['Convolution1D'])
  .register('MaxPooling1D', MaxPooling1D.fromConfig, ['MaxPool1D'])
  .register('AveragePooling1D', AveragePooling1D.fromConfig, ['AvgPool1D'])
  .register('GlobalAveragePooling2D', GlobalAveragePooling2D.fromConfig, ['GlobalAvgPool2D'])
  .register('GlobalMaxPooling2D', GlobalMaxPooling2D.fromConfig, ['GlobalMaxPool2D'])
  .register('GlobalAveragePooling1D', GlobalAveragePooling1D.fromConfig, ['GlobalAvgPool1D'])
  .register('GlobalMaxPooling1D', GlobalMaxPooling1D.fromConfig, ['GlobalMaxPool1D'])
  .register('Dropout', Dropout.fromConfig)
  .register('Flatten', Flatten.fromConfig)
  .register('BatchNormalization', BatchNormalization.fromConfig)
  .register('Reshape', Reshape.fromConfig)
  .register('Permute', Permute.fromConfig)
  .register('ZeroPadding2D', ZeroPadding2D.fromConfig)
  .register('Cropping2D', Cropping2D.fromConfig)
  .register('UpSampling2D', UpSampling2D.fromConfig)
  .register('Rescaling', Rescaling.fromConfig)
  .register('RandomFlip', RandomFlip.fromConfig)
  .register('RandomRotation', RandomRotation.fromConfig)
  .register('RandomZoom', RandomZoom.fromConfig)
  .register('RandomTranslation', RandomTranslation.fromConfig)
  .register('ReLU', ReLU.fromConfig)
  .register('LeakyReLU', LeakyReLU.fromConfig)
  .register('PReLU', PReLU.fromConfig)
  .register('ELU', ELU.fromConfig)
  .register('Softmax', Softmax.fromConfig)
  .register('LayerNormalization', LayerNormalization.fromConfig)
  .register('SpatialDropout2D', SpatialDropout2D.fromConfig)
  .register('GaussianNoise', GaussianNoise.fromConfig);

/** Adds a custom layer class to deserialisation. */
export function registerLayer(className: string, fromConfig: FromConfig): void {
  layerClasses.register(className, fromConfig);
}

export function supportedLayerClasses(): string[] {
  return layerClasses.names();
}

/** Builds a layer from `{ className, config }` (config in camelCase); its name is reserved so new layers never reuse it. */
export function deserializeLayer(spec: { className: string; config: Record<string, unknown> }): Layer {
  const layer = layerClasses.get(spec.className, 'deserializeLayer')(spec.config);
  reserveName(layer.name);
  return layer;
}

export function serializeLayer(layer: Layer): { className: string; config: Record<string, unknown> } {
  return { className: layer.className, config: layer.getConfig() };
}
