import { setSeed, slice, tensor } from '@strata/core';
import { BatchNormalization, Dense, Dropout, l2 } from '@strata/layers';
import { Adam, LambdaCallback, Sequential, SGD } from '@strata/models';
import { blobs, classifier, snapshot } from '../helpers/models';

describe('fit options', () => {
  test('validationSplit validates on the LAST samples (taken before shuffling) and trains on the rest', async () => {
    setSeed(1);
    const model = classifier();
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const { x, labels } = blobs(40, 3);
    const seen: number[] = [];
    const counter = new LambdaCallback({ onBatchBegin: (_b, logs) => void seen.push(logs.size) });
    const history = await model.fit(x, labels, { epochs: 2, batchSize: 8, validationSplit: 0.25, callbacks: [counter], verbose: 0 });
    expect(seen.reduce((a, b) => a + b, 0)).toBe(2 * 30);
    const last = model.evaluate(slice(x, [30, 0], [10, 4]), slice(labels, [30], [10]));
    expect(history.history.val_loss[1]).toBeCloseTo(last.loss, 6);
    expect(history.history.val_accuracy[1]).toBeCloseTo(last.accuracy, 6);
    expect(Object.keys(history.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  });

  test('classWeight weighs each sample loss by its class: sum(w_i * l_i) / n', () => {
    setSeed(2);
    const model = classifier();
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
    const { x, labels } = blobs(12, 4);
    const p = model.predict(x).values;
    const cw: Record<number, number> = { 0: 1, 1: 3, 2: 0.5 };
    let expected = 0;
    let unweighted = 0;
    labels.values.forEach((c, i) => {
      const l = -Math.log(p[i * 3 + c]);
      expected += cw[c] * l;
      unweighted += l;
    });
    const before = snapshot(model);
    const logs = model.trainOnBatch(x, labels, { classWeight: cw });
    expect(logs.loss).toBeCloseTo(expected / 12, 5);
    expect(Math.abs(logs.loss - unweighted / 12)).toBeGreaterThan(1e-3);
    expect(snapshot(model)).not.toEqual(before);
  });

  test('predict in batches matches one full-batch call (inference mode: no dropout, moving statistics)', () => {
    setSeed(3);
    const model = new Sequential({ layers: [new Dense({ units: 6, inputShape: [4] }), new BatchNormalization(), new Dropout({ rate: 0.5 }), new Dense({ units: 2 })] });
    const { x } = blobs(11, 5);
    const full = Array.from(model.predict(x, { batchSize: 11 }).values);
    const batched = model.predict(x, { batchSize: 3 });
    expect(batched.shape).toEqual([11, 2]);
    Array.from(batched.values).forEach((v, i) => expect(v).toBeCloseTo(full[i], 6));
    expect(Array.from(model.predict(x).values)).toEqual(full);
  });

  test('the same global seed gives identical histories and weights (dropout and shuffling included)', async () => {
    const run = async () => {
      setSeed(123);
      const model = classifier({ dropout: true });
      model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      const { x, labels } = blobs(32, 9);
      const h = await model.fit(x, labels, { epochs: 3, batchSize: 8, verbose: 0 });
      return { history: h.history, weights: snapshot(model) };
    };
    const a = await run();
    const b = await run();
    expect(b.history).toEqual(a.history);
    expect(b.weights).toEqual(a.weights);
  });

  test("fit's seed fixes the shuffling: same seed and weights -> same run; another seed -> another run", async () => {
    const { x, labels } = blobs(32, 10);
    const initial = classifier({ dropout: true, dropoutSeed: 5 }).getWeights();
    const run = async (seed: number) => {
      const model = classifier({ dropout: true, dropoutSeed: 5 });
      model.setWeights(initial);
      model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
      const h = await model.fit(x, labels, { epochs: 2, batchSize: 4, verbose: 0, seed });
      return { loss: h.history.loss, weights: snapshot(model) };
    };
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect((await run(2)).loss).not.toEqual(a.loss);
  });

  test('initialEpoch resumes at that epoch index; epochs is the final index, as Keras', async () => {
    const model = classifier();
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const { x, labels } = blobs(8, 1);
    const history = await model.fit(x, labels, { epochs: 3, initialEpoch: 1, verbose: 0 });
    expect(history.epoch).toEqual([1, 2]);
    expect(model.optimizer?.iterations).toBe(2);
  });

  test('shuffle: false visits the samples in order', async () => {
    const model = classifier();
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const x = tensor(Float32Array.from({ length: 24 }, (_, i) => Math.floor(i / 4)), [6, 4]);
    // Record the first feature of every batch the first layer sees.
    const firsts: number[] = [];
    const original = model.layers[0].apply.bind(model.layers[0]);
    model.layers[0].apply = (input, args) => {
      firsts.push(input.values[0]);
      return original(input, args);
    };
    await model.fit(x, tensor([0, 1, 2, 0, 1, 2]), { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    expect(firsts).toEqual([0, 2, 4]);
  });

  test("the reported loss includes every layer's weight penalties, as Keras reports it", () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3], kernelRegularizer: l2({ l2: 0.1 }) })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const kernel = model.layers[0].getWeights()[0].values;
    const penalty = 0.1 * Array.from(kernel).reduce((acc, k) => acc + k * k, 0);
    // Zero inputs and zero bias give zero outputs, so the data loss is mean(y^2) = 1.
    const logs = model.testOnBatch(tensor(new Float32Array(6), [2, 3]), tensor([[1, -1], [1, 1]]));
    expect(logs.loss).toBeCloseTo(1 + penalty, 5);
  });
});
