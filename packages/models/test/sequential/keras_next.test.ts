/** Issue 12, section 3: what a Keras user reaches for next. */
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expandDims, ShapeError, tensor, ValueError } from '@strata/core';
import { Conv2D, Dense, Flatten, MaxPooling2D } from '@strata/layers';
import { loadModel, Sequential } from '@strata/models';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'strata-next-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function small(): Sequential {
  const m = new Sequential([new Dense(4, { inputShape: [3], activation: 'relu', name: 'hidden' }), new Dense(2, { activation: 'softmax', name: 'out' })]);
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

describe('getLayer', () => {
  it('by name and by index; unknown ones are clear errors', () => {
    const m = small();
    expect(m.getLayer('out')).toBe(m.layers[1]);
    expect(m.getLayer(0)).toBe(m.layers[0]);
    expect(() => m.getLayer('hiden')).toThrow(/getLayer: Sequential '.*' has no layer named "hiden". Did you mean 'hidden'\? Layers: hidden, out/);
    expect(() => m.getLayer(2)).toThrow(/getLayer: index 2 is out of range; Sequential '.*' has 2 layers \(0 to 1\)/);
  });
});

describe('layer shapes and parameter counts', () => {
  it('after build: inputShape, outputShape, countParams', () => {
    const conv = new Conv2D(8, 3, { inputShape: [10, 10, 1] });
    const m = new Sequential([conv, new MaxPooling2D(2), new Flatten(), new Dense(5)]);
    expect(conv.inputShape).toEqual([null, 10, 10, 1]);
    expect(conv.outputShape).toEqual([null, 8, 8, 8]);
    expect(conv.countParams()).toBe(3 * 3 * 1 * 8 + 8);
    expect(m.layers[2].outputShape).toEqual([null, 4 * 4 * 8]);
  });
  it('before build: a clear error, not undefined', () => {
    const d = new Dense(3, { name: 'lonely' });
    expect(() => d.outputShape).toThrow(ValueError);
    expect(() => d.outputShape).toThrow("Dense 'lonely': inputShape is unknown until the layer is built");
    expect(() => d.countParams()).toThrow("Dense 'lonely': countParams is unknown until the layer is built");
  });
});

describe('plain nested arrays as inputs', () => {
  const xs = [[1, 2, 3], [3, 2, 1], [0, 1, 0], [1, 1, 1]];
  const ys = [[1, 0], [0, 1], [1, 0], [0, 1]];

  it('fit, evaluate, predict, trainOnBatch and testOnBatch infer the shape', async () => {
    const m = small();
    await m.fit(xs, ys, { epochs: 1, verbose: 0 });
    expect(Object.keys(m.evaluate(xs, ys))).toEqual(['loss', 'accuracy']);
    expect(m.predict(xs).shape).toEqual([4, 2]);
    expect(Object.keys(m.trainOnBatch(xs, ys))).toEqual(['loss', 'accuracy']);
    expect(m.testOnBatch(xs, ys).loss).toBeGreaterThan(0);
    expect(Array.from(m.predict(xs).dataSync())).toEqual(Array.from(m.predict(tensor(xs)).dataSync()));
  });

  it('a ragged array is an error naming the index', () => {
    expect(() => small().predict([[1, 2, 3], [1, 2]])).toThrow(new ShapeError('predict: x[1] has 2 entries, expected 3 like x[0] (the array is ragged)'));
    expect(() => small().evaluate(xs, [[1, 0], [0, 1], [1], [0, 1]])).toThrow('evaluate: y[2] has 1 entries, expected 2 like y[0]');
    expect(() => small().predict([[1, 2, 'a']] as never)).toThrow('predict: x[0][2] is "a"; expected a number');
  });

  it('a Float32Array without a shape, or another non-tensor, is a TypeError saying how to make a tensor', async () => {
    expect(() => small().predict(new Float32Array(6) as never)).toThrow(TypeError);
    expect(() => small().predict(new Float32Array(6) as never)).toThrow(/predict: x must be a Tensor or a nested array of numbers, got a Float32Array of 6 values without a shape; make a tensor with tensor\(values, shape\)/);
    await expect(small().fit('abc' as never, ys)).rejects.toThrow(/fit: x must be a Tensor or a nested array of numbers, got a string \(abc\)/);
    expect(() => small().trainOnBatch(xs, { a: 1 } as never)).toThrow(/trainOnBatch: y must be a Tensor .* got a Object/);
  });

  it('one sample without the batch axis: the error suggests expandDims', () => {
    const m = small();
    expect(() => m.predict(tensor([1, 2, 3]))).toThrow(/predict: x has shape \[3\] but Sequential '.*' expects input \(None, 3\); it looks like one sample without the batch axis: add it with expandDims\(x, 0\)/);
    expect(m.predict(expandDims(tensor([1, 2, 3]), 0)).shape).toEqual([1, 2]);
  });
});

describe('save and loadModel', () => {
  it('a plain save comes back compiled: evaluate works at once; compile: false skips it', async () => {
    const m = small();
    const dir = tempDir();
    await m.save(dir);
    const loaded = await loadModel(dir);
    const x = tensor([[1, 2, 3]]);
    const y = tensor([[1, 0]]);
    expect(loaded.evaluate(x, y)).toEqual(m.evaluate(x, y));
    expect((await loadModel(dir, { compile: false })).optimizer).toBeNull();
  });

  it('file:// paths work as plain paths, relative or absolute', async () => {
    const m = small();
    const dir = tempDir();
    await m.save(`file://${dir}/abs`);
    expect(readdirSync(join(dir, 'abs'))).toContain('model.json');
    expect((await loadModel(`file://${dir}/abs`)).predict(tensor([[1, 2, 3]])).shape).toEqual([1, 2]);
    const local = mkdtempSync(join(process.cwd(), '.strata-next-'));
    dirs.push(local);
    await m.save(`file://./${relative(process.cwd(), local)}/rel`);
    expect(existsSync(join(local, 'rel', 'model.json'))).toBe(true);
    expect(existsSync(join(process.cwd(), 'file:'))).toBe(false);
  });

  it.each(['http://example.com/m', 'indexeddb://m', 'localstorage://m'])('%s is a clear error', async (url) => {
    const scheme = url.split('://')[0];
    await expect(small().save(url)).rejects.toThrow(new RegExp(`uses the scheme '${scheme}://', which Strata does not support`));
    await expect(loadModel(url)).rejects.toThrow(new RegExp(`^loadModel: '${url}' uses the scheme '${scheme}://'`));
  });
});
