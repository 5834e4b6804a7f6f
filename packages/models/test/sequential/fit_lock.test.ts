/**
 * Issue 13, item 4: while a fit runs, add / pop / compile / setWeights / trainOnBatch and a
 * second fit or fitDataset throw a StrataError ("model is training") and change nothing;
 * predict and evaluate stay allowed, and the run ends as an undisturbed one would.
 */
import { StrataError, tensor, type Tensor } from '@strata/core';
import { Dense, Dropout } from '@strata/layers';
import { EarlyStopping, LambdaCallback, SGD, Sequential } from '@strata/models';

function data(): { x: Tensor; y: Tensor } {
  const x = tensor(Float32Array.from({ length: 64 * 4 }, (_, i) => Math.sin(i * 0.7)), [64, 4]);
  const y = tensor(Float32Array.from({ length: 64 * 3 }, (_, i) => (i % 3 === (Math.floor(i / 3) % 3) ? 1 : 0)), [64, 3]);
  return { x, y };
}

function model(): Sequential {
  const m = new Sequential([
    new Dense(16, { inputShape: [4], activation: 'relu', kernelInitializer: { className: 'GlorotUniform', config: { seed: 1 } } }),
    new Dense(3, { activation: 'softmax', kernelInitializer: { className: 'GlorotUniform', config: { seed: 2 } } }),
  ]);
  m.compile({ optimizer: new SGD(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const flat = (m: Sequential): number[] => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

async function undisturbed(): Promise<number[]> {
  const m = model();
  const { x, y } = data();
  await m.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, shuffle: false });
  return flat(m);
}

describe('a model is locked while fit runs', () => {
  it.each([
    ['add', (m: Sequential) => m.add(new Dropout(0.5))],
    ['pop', (m: Sequential) => m.pop()],
    ['compile', (m: Sequential) => m.compile({ optimizer: 'adam', loss: 'mse' })],
    ['setWeights', (m: Sequential) => m.setWeights(m.getWeights().map((w) => tensor(new Float32Array(w.size), w.shape)))],
    ['trainOnBatch', (m: Sequential) => m.trainOnBatch(data().x, data().y)],
  ])('%s throws "model is training" and changes nothing', async (name, change) => {
    const expected = await undisturbed();
    const m = model();
    const { x, y } = data();
    const run = m.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, shuffle: false });
    await new Promise(setImmediate);
    expect(m.isTraining).toBe(true);
    let error: unknown = null;
    try {
      change(m);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StrataError);
    expect((error as Error).message).toMatch(new RegExp(`^${name}: the model is training`));
    await run;
    expect(m.layers).toHaveLength(2);
    expect(m.optimizer).toBeInstanceOf(SGD);
    expect(flat(m)).toEqual(expected);
    expect(m.isTraining).toBe(false);
  });

  it('a second fit or fitDataset is refused, and the first ends undisturbed', async () => {
    const expected = await undisturbed();
    const m = model();
    const { x, y } = data();
    const run = m.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, shuffle: false });
    await new Promise(setImmediate);
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(/^fit: the model is training/);
    await expect(m.fitDataset([{ xs: x, ys: y }], { verbose: 0 })).rejects.toThrow(/^fitDataset: the model is training/);
    await run;
    expect(flat(m)).toEqual(expected);
  });

  it('predict and evaluate during fit stay allowed and do not disturb it', async () => {
    const expected = await undisturbed();
    const m = model();
    const { x, y } = data();
    const run = m.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, shuffle: false });
    await new Promise(setImmediate);
    expect(m.predict(x).shape).toEqual([64, 3]);
    expect(Object.keys(m.evaluate(x, y))).toEqual(['loss', 'accuracy']);
    await run;
    expect(flat(m)).toEqual(expected);
  });

  it('callbacks may still set the weights (EarlyStopping restores the best ones), and the lock is released after a failed fit', async () => {
    const m = model();
    const { x, y } = data();
    await m.fit(x, y, { epochs: 3, verbose: 0, validationData: [x, y], callbacks: [new EarlyStopping({ patience: 5, restoreBestWeights: true })] });
    const failing = new LambdaCallback({ onEpochBegin: () => { throw new Error('boom'); } });
    await expect(m.fit(x, y, { verbose: 0, callbacks: [failing] })).rejects.toThrow('boom');
    expect(m.isTraining).toBe(false);
    expect(() => m.pop()).not.toThrow();
  });
});
