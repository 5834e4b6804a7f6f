import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D } from '@strata/layers';
import { Adam, Sequential } from '@strata/models';

/**
 * The article's model and compile line in Keras's positional forms (docs/keras-to-strata.md).
 * The packaging test also type-checks this very file, strict, as a user's module.
 */
export function articleModelPositional(): Sequential {
  const model = new Sequential([
    new Conv2D(32, [3, 3], { activation: 'relu', inputShape: [48, 48, 1] }),
    new Conv2D(64, [3, 3], { activation: 'relu' }),
    new BatchNormalization(),
    new MaxPooling2D([2, 2]),
    new Dropout(0.25),
    new Conv2D(128, [3, 3], { activation: 'relu' }),
    new MaxPooling2D([2, 2]),
    new BatchNormalization(),
    new Conv2D(128, [3, 3], { activation: 'relu' }),
    new MaxPooling2D([2, 2]),
    new Dropout(0.25),
    new Flatten(),
    new BatchNormalization(),
    new Dense(1024, { activation: 'relu' }),
    new Dropout(0.5),
    new Dense(7, { activation: 'softmax' }),
  ]);
  model.compile({ loss: 'categorical_crossentropy', optimizer: new Adam(0.0001), metrics: ['accuracy'] });
  return model;
}
