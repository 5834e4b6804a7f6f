import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D } from '@strata/layers';
import { Sequential } from '@strata/models';

/** The article's facial-expression model (48x48 grey images, 7 classes), as the article writes it. */
export function articleModel(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 32, kernelSize: [3, 3], activation: 'relu', inputShape: [48, 48, 1] }),
      new Conv2D({ filters: 64, kernelSize: [3, 3], activation: 'relu' }),
      new BatchNormalization(),
      new MaxPooling2D({ poolSize: [2, 2] }),
      new Dropout({ rate: 0.25 }),
      new Conv2D({ filters: 128, kernelSize: [3, 3], activation: 'relu' }),
      new MaxPooling2D({ poolSize: [2, 2] }),
      new BatchNormalization(),
      new Conv2D({ filters: 128, kernelSize: [3, 3], activation: 'relu' }),
      new MaxPooling2D({ poolSize: [2, 2] }),
      new Dropout({ rate: 0.25 }),
      new Flatten(),
      new BatchNormalization(),
      new Dense({ units: 1024, activation: 'relu' }),
      new Dropout({ rate: 0.5 }),
      new Dense({ units: 7, activation: 'softmax' }),
    ],
  });
}
