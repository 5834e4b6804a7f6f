import { argmax, setSeed, tensor } from '@strata/core';
import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D } from '@strata/layers';
import { Adam, confusionMatrix, Sequential } from '@strata/models';
import { barImages, oneHotRows } from '../helpers/data';

describe('small models learn', () => {
  test('XOR with Dense layers reaches 100 % accuracy', async () => {
    setSeed(7);
    const model = new Sequential({ layers: [new Dense({ units: 8, activation: 'tanh', inputShape: [2] }), new Dense({ units: 1, activation: 'sigmoid' })] });
    model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tensor([0, 1, 1, 0]);
    const history = await model.fit(x, y, { epochs: 300, batchSize: 4, verbose: 0 });
    const losses = history.history.loss;
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 5);
    expect(history.history.accuracy[losses.length - 1]).toBe(1);
    expect(model.evaluate(x, y).accuracy).toBe(1);
    expect(Array.from(model.predict(x).values).map((p) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  test('Conv2D + BatchNormalization + MaxPooling2D + Dropout + Flatten + Dense separates bar orientations (>= 90 % held out)', async () => {
    setSeed(11);
    const model = new Sequential({
      layers: [
        new Conv2D({ filters: 6, kernelSize: 3, activation: 'relu', inputShape: [10, 10, 1] }),
        new BatchNormalization({ momentum: 0.9 }),
        new MaxPooling2D({ poolSize: 2 }),
        new Dropout({ rate: 0.2 }),
        new Flatten(),
        new Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const train = barImages(240, 10, 1);
    const test = barImages(100, 10, 2);
    const history = await model.fit(train.x, oneHotRows(train.labels, 2), { epochs: 8, batchSize: 16, verbose: 0, validationSplit: 0.2 });
    expect(history.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const result = model.evaluate(test.x, oneHotRows(test.labels, 2));
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    const predicted = argmax(model.predict(test.x), -1);
    const cm = confusionMatrix(tensor(test.labels), predicted, 2).toArray() as number[][];
    expect(cm[0][0] + cm[1][1]).toBe(Math.round(result.accuracy * 100));
  });
});
