import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D, type Layer, type LayerShape } from '../src';

/** The article's FER2013 network, layer by layer, with Keras's output shapes and parameter counts. */
describe("the article's CNN", () => {
  const rows: [Layer, LayerShape, number, number][] = [
    [new Conv2D({ filters: 32, kernelSize: [3, 3], activation: 'relu', inputShape: [48, 48, 1] }), [null, 46, 46, 32], 320, 0],
    [new Conv2D({ filters: 64, kernelSize: [3, 3], activation: 'relu' }), [null, 44, 44, 64], 18496, 0],
    [new BatchNormalization(), [null, 44, 44, 64], 256, 128],
    [new MaxPooling2D({ poolSize: [2, 2] }), [null, 22, 22, 64], 0, 0],
    [new Dropout({ rate: 0.25 }), [null, 22, 22, 64], 0, 0],
    [new Conv2D({ filters: 128, kernelSize: [3, 3], activation: 'relu' }), [null, 20, 20, 128], 73856, 0],
    [new MaxPooling2D({ poolSize: [2, 2] }), [null, 10, 10, 128], 0, 0],
    [new BatchNormalization(), [null, 10, 10, 128], 512, 256],
    [new Conv2D({ filters: 128, kernelSize: [3, 3], activation: 'relu' }), [null, 8, 8, 128], 147584, 0],
    [new MaxPooling2D({ poolSize: [2, 2] }), [null, 4, 4, 128], 0, 0],
    [new Dropout({ rate: 0.25 }), [null, 4, 4, 128], 0, 0],
    [new Flatten(), [null, 2048], 0, 0],
    [new BatchNormalization(), [null, 2048], 8192, 4096],
    [new Dense({ units: 1024, activation: 'relu' }), [null, 1024], 2098176, 0],
    [new Dropout({ rate: 0.5 }), [null, 1024], 0, 0],
    [new Dense({ units: 7, activation: 'softmax' }), [null, 7], 7175, 0],
  ];

  test('output shapes and parameter counts, 2,354,567 in total, 4,480 non-trainable', () => {
    let shape: LayerShape = [null, 48, 48, 1];
    let total = 0;
    let nonTrainable = 0;
    for (const [layer, expectedShape, params, frozen] of rows) {
      layer.ensureBuilt(shape);
      shape = layer.computeOutputShape(shape);
      expect(shape).toEqual(expectedShape);
      expect(layer.countParams()).toBe(params);
      const nt = layer.nonTrainableWeights.reduce((n, w) => n + w.size, 0);
      expect(nt).toBe(frozen);
      total += params;
      nonTrainable += nt;
    }
    expect(total).toBe(2354567);
    expect(nonTrainable).toBe(4480);
    expect(total - nonTrainable).toBe(2350087);
  });
});
