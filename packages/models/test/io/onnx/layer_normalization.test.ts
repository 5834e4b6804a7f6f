import { Conv2D, Dense, LayerNormalization, type Layer } from '@strata/layers';
import { Sequential } from '@strata/models';
import { cleanup, randomValues } from '../helpers';
import { expectOnnxMatchesPredict, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

/** Every weight random, so a gamma or beta in the wrong place shows. */
function randomized(layers: Layer[], seed = 7): Sequential {
  const model = new Sequential({ layers });
  model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], seed * 100 + i, 0.5)));
  return model;
}

// The operator (opset 17+, trailing axes) and the decomposition (older opsets with ReduceMean's
// axes attribute; 21 with its axes input; axes that are not trailing).
const cases: [string, () => Layer[]][] = [
  ['the last axis of a Dense output', () => [new Dense({ units: 6, inputShape: [4] }), new LayerNormalization()]],
  ['the channels after a conv (NCHW flowing in)', () => [new Conv2D({ filters: 5, kernelSize: 2, inputShape: [4, 5, 2] }), new LayerNormalization({ epsilon: 0.01 })]],
  ['axes [1, 2, 3] (one statistic per sample)', () => [new Conv2D({ filters: 3, kernelSize: 2, inputShape: [4, 4, 2] }), new LayerNormalization({ axis: [1, 2, 3] })]],
  ['axes [1, 3] (not trailing: always the decomposition)', () => [new Dense({ units: 3, inputShape: [4, 2, 5] }), new LayerNormalization({ axis: [1, 3] })]],
  ['without gamma, and without both', () => [new Dense({ units: 5, inputShape: [3] }), new LayerNormalization({ scale: false }), new LayerNormalization({ center: false, scale: false })]],
];

describe('LayerNormalization in onnxruntime matches predict', () => {
  test.each(cases)('%s, opsets 9, 13, 17, 21', async (_name, layers) => {
    for (const opset of [9, 13, 17, 21]) await expectOnnxMatchesPredict(randomized(layers()), { opset });
  });
});
