import { ShapeError, StrataError, tensor, ValueError, type Tensor } from '@strata/core';
import { Dense } from '@strata/layers';
import { Sequential } from '@strata/models';
import { blobs, classifier, snapshot } from '../helpers/models';

/** Expects `run` to reject with `type` and a message matching `message`, leaving every weight as it was. */
async function expectRejectsUnchanged(model: Sequential, run: () => Promise<unknown>, type: typeof StrataError, message: RegExp): Promise<void> {
  const before = snapshot(model);
  const error = await run().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(message);
  expect(snapshot(model)).toEqual(before);
  expect(model.optimizer?.iterations ?? 0).toBe(0);
}

describe('fit errors are typed, name the argument, and come before any weight change', () => {
  const { x, labels } = blobs(10, 1);
  const oneHot = (n: number, width: number): Tensor => tensor(new Float32Array(n * width), [n, width]);
  let model: Sequential;
  beforeEach(() => {
    model = classifier();
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  });

  test('fit before compile', async () => {
    const fresh = classifier();
    await expectRejectsUnchanged(fresh, () => fresh.fit(x, labels), StrataError, /^fit: Sequential '.*' must be compiled first; call model.compile\(\{ optimizer, loss, metrics \}\) before fit\(\)/);
  });

  test('x and y with different sample counts', async () => {
    await expectRejectsUnchanged(model, () => model.fit(x, tensor([0, 1, 2])), ShapeError, /^fit: x has 10 samples \(shape \[10, 4\]\) but y has 3 \(shape \[3\]\); they must match/);
  });

  test('one-hot labels whose width is not the number of output units', async () => {
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    await expectRejectsUnchanged(model, () => model.fit(x, oneHot(10, 5)), ShapeError, /^fit: y has shape \[10, 5\] but the loss 'categorical_crossentropy' needs one-hot labels of shape \[10, 3\] matching the model output \(None, 3\)/);
    await expectRejectsUnchanged(model, () => model.fit(x, labels), ShapeError, /needs one-hot labels of shape \[10, 3\] .*\(integer class labels need sparseCategoricalCrossentropy\)/);
  });

  test('sparse labels out of range or not integers', async () => {
    const outOfRange = tensor([0, 1, 2, 3, 0, 1, 2, 0, 1, 2]);
    await expectRejectsUnchanged(model, () => model.fit(x, outOfRange), ValueError, /^fit: y\[3\] = 3 is not an integer class index in \[0, 3\) \(the loss 'sparse_categorical_crossentropy' and the model's 3 output units\)/);
    const fractional = tensor([0, 1, 2, 0.5, 0, 1, 2, 0, 1, 2]);
    await expectRejectsUnchanged(model, () => model.fit(x, fractional), ValueError, /^fit: y\[3\] = 0.5 is not an integer class index/);
  });

  test('batchSize must be a positive integer', async () => {
    await expectRejectsUnchanged(model, () => model.fit(x, labels, { batchSize: 0 }), ValueError, /^fit: batchSize must be a positive integer, got 0$/);
    await expectRejectsUnchanged(model, () => model.fit(x, labels, { batchSize: 2.5 }), ValueError, /^fit: batchSize must be a positive integer, got 2.5$/);
  });

  test('validationSplit outside [0, 1), or leaving no training data', async () => {
    await expectRejectsUnchanged(model, () => model.fit(x, labels, { validationSplit: 1 }), ValueError, /^fit: validationSplit must be a number in \[0, 1\), got 1$/);
    await expectRejectsUnchanged(model, () => model.fit(x, labels, { validationSplit: -0.1 }), ValueError, /got -0.1$/);
    const one = blobs(1, 2);
    await expectRejectsUnchanged(model, () => model.fit(one.x, one.labels, { validationSplit: 0.5 }), ValueError, /^fit: validationSplit = 0.5 of 1 samples leaves no training samples/);
  });

  test('non-finite values in x or y (or in the validation data)', async () => {
    const bad = tensor(Float32Array.from(x.values, (v, i) => (i === 9 ? NaN : v)), [10, 4]);
    await expectRejectsUnchanged(model, () => model.fit(bad, labels), ValueError, /^fit: x contains NaN at flat index 9 \(sample 2\); expected finite values$/);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const infY = tensor(Float32Array.from({ length: 30 }, (_, i) => (i === 4 ? Infinity : 0)), [10, 3]);
    await expectRejectsUnchanged(model, () => model.fit(x, infY), ValueError, /^fit: y contains Infinity at flat index 4 \(sample 1\)/);
    await expectRejectsUnchanged(model, () => model.fit(x, oneHot(10, 3), { validationData: [bad, oneHot(10, 3)] }), ValueError, /^fit: validationData\[0\] contains NaN/);
  });

  test('classWeight with a non-class key', async () => {
    await expectRejectsUnchanged(model, () => model.fit(x, labels, { classWeight: { [-1]: 2 } }), ValueError, /^fit: classWeight keys must be class indices \(integers >= 0\), got '-1'/);
  });

  test('x that does not fit the input shape', async () => {
    await expectRejectsUnchanged(model, () => model.fit(tensor(new Float32Array(20), [10, 2]), labels), ShapeError, /^fit: x has shape \[10, 2\] but Sequential '.*' expects input \(None, 4\)/);
  });

  test('unknown optimizer, loss and metric names list the known ones (and compile keeps the previous config)', () => {
    expect(() => model.compile({ optimizer: 'adadelta', loss: 'mse' })).toThrow(/unknown optimizer 'adadelta'. Valid: sgd, adam, adamw, rmsprop./);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'huber' })).toThrow("compile: unknown loss 'huber'. Valid: categoricalCrossentropy, sparseCategoricalCrossentropy, binaryCrossentropy, meanSquaredError.");
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['auc'] })).toThrow("compile: unknown metric 'auc'. Valid: accuracy, categoricalAccuracy, sparseCategoricalAccuracy, binaryAccuracy, topKCategoricalAccuracy.");
    expect(model.optimizer?.name).toBe('adam');
  });

  test('evaluate and predict check their batchSize too', () => {
    expect(() => model.evaluate(x, labels, { batchSize: -1 })).toThrow(/^evaluate: batchSize must be a positive integer, got -1$/);
    expect(() => model.predict(x, { batchSize: 0 })).toThrow(/^predict: batchSize must be a positive integer, got 0$/);
  });

  test('a binary output accepts [n] labels as [n, 1]; wrong shapes are refused', async () => {
    const binary = new Sequential({ layers: [new Dense({ units: 1, activation: 'sigmoid', inputShape: [4] })] });
    binary.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    const logs = binary.testOnBatch(x, tensor(new Float32Array(10)));
    expect(Number.isFinite(logs.loss)).toBe(true);
    await expectRejectsUnchanged(binary, () => binary.fit(x, oneHot(10, 2)), ShapeError, /y has shape \[10, 2\] but the loss 'binary_crossentropy' needs labels of shape \[10, 1\]/);
  });
});

describe('messages say what was passed and what is expected (issue 13)', () => {
  test.each([
    [NaN, 'NaN'], [Infinity, 'Infinity'], [2.5, '2.5'], ['4', '"4"'], [[4], '[4]'],
  ])('Dense({ units: %p }) names the value', (units, shown) => {
    const make = (): Dense => new Dense({ units: units as number, name: 'd' });
    expect(make).toThrow(ValueError);
    expect(make).toThrow(`Dense 'd': units must be a positive integer, got ${shown}`);
  });

  test('predict on an empty batch says a sample is expected, and changes nothing', () => {
    const model = classifier();
    const before = snapshot(model);
    const run = (): Tensor => model.predict(tensor(new Float32Array(0), [0, 4]));
    expect(run).toThrow(ValueError);
    expect(run).toThrow('predict: x holds no samples (shape [0, 4]); expected at least one, along the first axis');
    expect(snapshot(model)).toEqual(before);
  });
});
