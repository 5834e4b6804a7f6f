import { getBackend, oneHot, randomUniform, setBackend, setNumThreads, getNumThreads, setSeed } from '@strata/core';
import { articleModel } from '../helpers/article_model';

/** The article's model, trained a few steps: the weights must not depend on the thread count. */
function trainArticleModel(threads: number): { initial: Float32Array; final: Float32Array[] } {
  setNumThreads(threads);
  setSeed(11);
  const model = articleModel();
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const x = randomUniform([8, 48, 48, 1], { seed: 5 });
  const y = oneHot(Int32Array.from({ length: 8 }, (_, i) => i % 7), 7);
  const initial = model.getWeights()[0].dataSync() as Float32Array;
  for (let step = 0; step < 3; step++) model.trainOnBatch(x, y);
  return { initial, final: model.getWeights().map((w) => w.dataSync() as Float32Array) };
}

describe('thread count (wasm backend)', () => {
  const previous = getBackend().name;
  const previousThreads = getNumThreads();
  beforeAll(() => setBackend('wasm'));
  afterAll(() => {
    setNumThreads(previousThreads);
    setBackend(previous);
  });

  test('the article model trained with 1, 2 and 3 threads ends with bit-identical weights', () => {
    const { initial, final: one } = trainArticleModel(1);
    for (const threads of [2, 3]) {
      const other = trainArticleModel(threads).final;
      expect(other.length).toBe(one.length);
      other.forEach((w, i) => expect(Buffer.from(w.buffer).equals(Buffer.from(one[i].buffer))).toBe(true));
    }
    // The steps changed the weights: the comparison is not between untouched initial values.
    expect(Buffer.from(one[0].buffer).equals(Buffer.from(initial.buffer))).toBe(false);
  }, 120000);
});
