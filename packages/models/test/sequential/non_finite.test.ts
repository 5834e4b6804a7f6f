// NaN in, NaN out, on both backends (issue 13): a model never turns a NaN input or weight into a
// finite prediction, and cross-entropy from tied huge logits is exact.
import { getBackend, setBackend, tensor } from '@strata/core';
import { Conv2D, Dense, Flatten, MaxPooling2D } from '@strata/layers';
import { loadModel, Sequential } from '@strata/models';
import { cleanup, tempDir } from '../io/helpers';

afterAll(cleanup);

function onEachBackend(body: () => void | Promise<void>): Promise<void> {
  const before = getBackend().name;
  return (async () => {
    try {
      for (const name of ['reference', 'wasm']) {
        setBackend(name);
        await body();
      }
    } finally {
      setBackend(before);
    }
  })();
}

const denseModel = (): Sequential => new Sequential({
  layers: [new Dense({ units: 4, activation: 'relu', inputShape: [2] }), new Dense({ units: 3, activation: 'softmax' })],
});

const convModel = (): Sequential => new Sequential({
  layers: [
    new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu', padding: 'same', inputShape: [6, 6, 1] }),
    new MaxPooling2D({ poolSize: 2 }),
    new Flatten(),
    new Dense({ units: 3, activation: 'softmax' }),
  ],
});

describe('NaN propagates through whole models', () => {
  it('Dense(relu) -> Dense(softmax) on [[NaN, 1]] predicts NaN, and the other rows stay finite', () => onEachBackend(() => {
    const p = denseModel().predict(tensor([[NaN, 1], [0.5, 1]])).values;
    expect(Array.from(p.subarray(0, 3))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(p.subarray(3)).every(Number.isFinite)).toBe(true);
  }));

  it('a NaN pixel makes a Conv2D(relu) -> MaxPool -> Dense model predict NaN for that image only', () => onEachBackend(() => {
    const x = new Float32Array(2 * 36).fill(0.25);
    x[7] = NaN;
    const p = convModel().predict(tensor(x, [2, 6, 6, 1])).values;
    expect(Array.from(p.subarray(0, 3))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(p.subarray(3)).every(Number.isFinite)).toBe(true);
  }));

  it('a NaN weight loaded from a file gives NaN predictions', async () => {
    const model = denseModel();
    const [kernel, ...rest] = model.getWeights();
    const poisoned = Float32Array.from(kernel.values);
    poisoned[0] = NaN;
    model.setWeights([tensor(poisoned, kernel.shape), ...rest]);
    const dir = tempDir();
    await model.save(dir);
    const loaded = await loadModel(dir);
    await onEachBackend(() => {
      expect(Array.from(loaded.predict(tensor([[1, 0]])).values)).toEqual([NaN, NaN, NaN]);
    });
  });
});

describe('cross-entropy from tied huge logits', () => {
  it('Dense softmax with kernel [[1e20, 1e20]]: evaluate gives log(2), not 0', () => onEachBackend(() => {
    const model = new Sequential({ layers: [new Dense({ units: 2, activation: 'softmax', useBias: false, inputShape: [1] })] });
    model.layers[0].setWeights([tensor([[1e20, 1e20]])]);
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    expect(model.evaluate(tensor([[1]]), tensor([[1, 0]])).loss).toBeCloseTo(Math.LN2, 6);
    expect(Array.from(model.predict(tensor([[1]])).values)).toEqual([0.5, 0.5]);
  }));
});
