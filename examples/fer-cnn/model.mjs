// The article's facial-expression CNN, written line for line as the article writes it in Keras.
import { Sequential } from '@strata/models';
import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D } from '@strata/layers';

export function articleModel() {
  const model = new Sequential();

  model.add(new Conv2D({ filters: 32, kernelSize: [3, 3], activation: 'relu', inputShape: [48, 48, 1] }));
  model.add(new Conv2D({ filters: 64, kernelSize: [3, 3], activation: 'relu' }));
  model.add(new BatchNormalization());
  model.add(new MaxPooling2D({ poolSize: [2, 2] }));
  model.add(new Dropout({ rate: 0.25 }));

  model.add(new Conv2D({ filters: 128, kernelSize: [3, 3], activation: 'relu' }));
  model.add(new MaxPooling2D({ poolSize: [2, 2] }));
  model.add(new BatchNormalization());
  model.add(new Conv2D({ filters: 128, kernelSize: [3, 3], activation: 'relu' }));
  model.add(new MaxPooling2D({ poolSize: [2, 2] }));
  model.add(new Dropout({ rate: 0.25 }));

  model.add(new Flatten());
  model.add(new BatchNormalization());
  model.add(new Dense({ units: 1024, activation: 'relu' }));
  model.add(new Dropout({ rate: 0.5 }));
  model.add(new Dense({ units: 7, activation: 'softmax' }));
  return model;
}
