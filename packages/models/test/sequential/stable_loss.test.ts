import { sum, tensor } from '@strata/core';
import { Activation, Dense } from '@strata/layers';
import { Sequential, SGD } from '@strata/models';

/** A model whose pre-activation output is exactly x · [[1, -1]] * 1000 (no bias). */
function logitsModel(last: 'dense' | 'activation', activation: 'softmax' | 'sigmoid', units: number): Sequential {
  const kernel = units === 2 ? tensor([[1000, -1000]]) : tensor([[1000]]);
  const layers = last === 'dense'
    ? [new Dense({ units, activation, useBias: false, inputShape: [1] })]
    : [new Dense({ units, useBias: false, inputShape: [1] }), new Activation({ activation })];
  const model = new Sequential({ layers });
  model.layers[0].setWeights([kernel]);
  model.compile({ optimizer: new SGD({ learningRate: 1e-6 }), loss: activation === 'softmax' ? 'sparseCategoricalCrossentropy' : 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

describe('cross-entropy after softmax/sigmoid is computed from the logits (as Keras)', () => {
  test.each(['dense', 'activation'] as const)('softmax via %s: a confident wrong prediction costs ~2000, not -log(1e-7)', (last) => {
    const model = logitsModel(last, 'softmax', 2);
    // Logits [1000, -1000] and [-1000, 1000]; labels wrong for the first, right for the second.
    const x = tensor([[1], [-1]]);
    const logs = model.testOnBatch(x, tensor([1, 1]));
    expect(logs.loss).toBeCloseTo((2000 + 0) / 2, 2);
    expect(logs.accuracy).toBe(0.5);
    const trained = model.trainOnBatch(x, tensor([1, 1]));
    expect(trained.loss).toBeCloseTo(1000, 2);
    expect(model.getWeights().every((w) => w.values.every(Number.isFinite))).toBe(true);
  });

  test('sigmoid + binary cross-entropy: logit -1000 with label 1 costs ~1000, finite gradients', () => {
    const model = logitsModel('dense', 'sigmoid', 1);
    const logs = model.trainOnBatch(tensor([[-1]]), tensor([1]));
    expect(logs.loss).toBeCloseTo(1000, 2);
    expect(model.getWeights().every((w) => w.values.every(Number.isFinite))).toBe(true);
    expect(model.predict(tensor([[-1]])).values[0]).toBeLessThan(1e-6);
  });

  test('a custom loss function receives the outputs (probabilities), never the logits', () => {
    const model = logitsModel('dense', 'softmax', 2);
    model.compile({ optimizer: 'sgd', loss: (_yTrue, yPred) => sum(yPred, -1) });
    // Each softmax row sums to 1; logits would sum to 0.
    expect(model.testOnBatch(tensor([[1], [-1]]), tensor([[0, 1], [1, 0]])).loss).toBeCloseTo(1, 6);
  });
});
