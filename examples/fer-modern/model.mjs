// A small modern network for the same task as the article's model: augmentation inside the
// model, separable convolutions, batch normalization with LeakyReLU, and global average pooling
// instead of Flatten + Dense(1024). The Keras code it mirrors:
//
//   model = keras.Sequential([
//       keras.Input((48, 48, 1)),
//       layers.RandomFlip("horizontal"), layers.RandomRotation(0.03),
//       layers.RandomZoom(0.1), layers.RandomTranslation(0.08, 0.08),
//       layers.Conv2D(32, 3, padding="same", use_bias=False), layers.BatchNormalization(), layers.LeakyReLU(0.1),
//       layers.MaxPooling2D(2),
//       layers.SeparableConv2D(64, 3, padding="same", use_bias=False), layers.BatchNormalization(), layers.LeakyReLU(0.1),
//       layers.MaxPooling2D(2),
//       ... the same with 128 filters, then 256 (no pooling after the last) ...
//       layers.GlobalAveragePooling2D(), layers.Dropout(0.3), layers.Dense(7, activation="softmax")])
import { Sequential } from '@strata/models';
import {
  BatchNormalization, Conv2D, Dense, Dropout, GlobalAveragePooling2D, LeakyReLU, MaxPooling2D,
  RandomFlip, RandomRotation, RandomTranslation, RandomZoom, SeparableConv2D,
} from '@strata/layers';

export function modernModel() {
  const model = new Sequential();

  // Augmentation: active in fit only, a new draw per face and per epoch.
  model.add(new RandomFlip('horizontal', { inputShape: [48, 48, 1] }));
  model.add(new RandomRotation(0.03)); // up to about 11 degrees either way
  model.add(new RandomZoom(0.1));
  model.add(new RandomTranslation(0.08, 0.08));

  // A plain convolution first (one input channel: nothing to separate), then separable ones,
  // each block halving the resolution: 48 -> 24 -> 12 -> 6.
  model.add(new Conv2D(32, 3, { padding: 'same', useBias: false }));
  model.add(new BatchNormalization());
  model.add(new LeakyReLU({ negativeSlope: 0.1 }));
  model.add(new MaxPooling2D(2));

  for (const filters of [64, 128, 256]) {
    model.add(new SeparableConv2D(filters, 3, { padding: 'same', useBias: false }));
    model.add(new BatchNormalization());
    model.add(new LeakyReLU({ negativeSlope: 0.1 }));
    if (filters < 256) model.add(new MaxPooling2D(2));
  }

  model.add(new GlobalAveragePooling2D());
  model.add(new Dropout(0.3));
  model.add(new Dense({ units: 7, activation: 'softmax' }));
  return model;
}
