import { ShapeError, tensor, ValueError } from '@strata/core';
import { Conv2D, Dense, Flatten, InputLayer, MaxPooling2D } from '@strata/layers';
import { Sequential } from '@strata/models';

describe('Sequential.add checks shapes at once', () => {
  test('Dense after Conv2D is legal (Keras applies it to the last axis)', () => {
    const m = new Sequential({ name: 'legal', layers: [new Conv2D({ filters: 2, kernelSize: 3, inputShape: [8, 8, 1] }), new Dense({ units: 3 })] });
    expect(m.outputShape).toEqual([null, 6, 6, 3]);
    expect(m.predict(tensor(new Float32Array(2 * 64), [2, 8, 8, 1])).shape).toEqual([2, 6, 6, 3]);
  });

  test('Conv2D on a rank-2 input is rejected, naming both layers and the shape; the model is unchanged', () => {
    const m = new Sequential({ name: 'm1', layers: [new Dense({ name: 'd1', units: 10, inputShape: [4] })] });
    const conv = new Conv2D({ name: 'c1', filters: 2, kernelSize: 3 });
    expect(() => m.add(conv)).toThrow(ShapeError);
    expect(() => m.add(conv)).toThrow(/^Sequential 'm1': cannot add Conv2D 'c1' after Dense 'd1' \(input shape \[null, 10\]\): Conv2D 'c1': expected input of rank 4/);
    expect(m.layers.map((l) => l.name)).toEqual(['d1']);
    expect(m.outputShape).toEqual([null, 10]);
    expect(conv.built).toBe(false);
    expect(conv.weights).toHaveLength(0);
  });

  test('a pooling window larger than its input', () => {
    const m = new Sequential({ name: 'm2', layers: [new Conv2D({ name: 'c2', filters: 1, kernelSize: 3, inputShape: [5, 5, 1] })] });
    expect(() => m.add(new MaxPooling2D({ name: 'p2', poolSize: 4 }))).toThrow(/cannot add MaxPooling2D 'p2' after Conv2D 'c2' \(input shape \[null, 3, 3, 1\]\): .*4x4 pool window is larger than its valid-padded input/);
    expect(m.layers).toHaveLength(1);
  });

  test('a kernel larger than its input, as the first layer', () => {
    const m = new Sequential({ name: 'm3' });
    const conv = new Conv2D({ name: 'c3', filters: 1, kernelSize: 5, inputShape: [3, 3, 1] });
    expect(() => m.add(conv)).toThrow(/cannot add Conv2D 'c3' as the first layer \(input shape \[null, 3, 3, 1\]\): .*5x5 kernel is larger than its valid-padded input/);
    expect(m.layers).toHaveLength(0);
    expect(m.built).toBe(false);
    expect(conv.weights).toHaveLength(0);
  });

  test('layer names must be unique; an InputLayer only comes first', () => {
    const m = new Sequential({ name: 'm4', layers: [new Dense({ name: 'same', units: 2, inputShape: [2] })] });
    expect(() => m.add(new Dense({ name: 'same', units: 2 }))).toThrow(/a layer named 'same' is already in the model/);
    expect(() => m.add(new InputLayer({ inputShape: [2] }))).toThrow(/an InputLayer can only be the first layer/);
  });

  test('an InputLayer declares the input shape and is not listed in layers', () => {
    const m = new Sequential({ layers: [new InputLayer({ inputShape: [3] }), new Dense({ units: 2 })] });
    expect(m.inputShape).toEqual([null, 3]);
    expect(m.layers).toHaveLength(1);
    expect(m.countParams()).toBe(8);
  });

  test('pop removes the last layer and its output shape', () => {
    const m = new Sequential({ layers: [new Dense({ units: 4, inputShape: [2] }), new Dense({ units: 3 })] });
    expect(m.pop().className).toBe('Dense');
    expect(m.outputShape).toEqual([null, 4]);
    m.pop();
    expect(() => m.pop()).toThrow(/pop on a model with no layers/);
  });
});

describe('deferred build (no input shape on the first layer)', () => {
  test('summary and countParams explain why they cannot run; predict builds the model', () => {
    const m = new Sequential({ name: 'lazy', layers: [new Dense({ name: 'lazy_dense', units: 3 }), new Flatten(), new Dense({ units: 1 })] });
    expect(m.built).toBe(false);
    expect(() => m.summary({ print: false })).toThrow(ValueError);
    expect(() => m.summary({ print: false })).toThrow(/^Sequential 'lazy': the summary is unknown until the model is built \(the first layer Dense 'lazy_dense' has no inputShape\)/);
    expect(() => m.countParams()).toThrow(/the parameter count is unknown/);
    expect(m.predict(tensor([[1, 2], [3, 4]])).shape).toEqual([2, 1]);
    expect(m.inputShape).toEqual([null, 2]);
    expect(m.countParams()).toBe(2 * 3 + 3 + 3 + 1);
    expect(() => m.predict(tensor([[1, 2, 3]]))).toThrow(/predict: x has shape \[1, 3\] but Sequential 'lazy' expects input \(None, 2\)/);
  });
});

describe('weights and config', () => {
  function model(): Sequential {
    return new Sequential({ layers: [new Dense({ units: 3, activation: 'relu', inputShape: [2] }), new Dense({ units: 2, activation: 'softmax' })] });
  }

  test('getWeights/setWeights cover every layer in order; bad lists change nothing', () => {
    const a = model();
    const b = model();
    b.setWeights(a.getWeights());
    const x = tensor([[0.5, -1], [2, 0.25]]);
    expect(Array.from(b.predict(x).values)).toEqual(Array.from(a.predict(x).values));
    const before = b.getWeights().map((w) => Array.from(w.values));
    const bad = a.getWeights();
    bad[3] = tensor([1, 2, 3]);
    expect(() => b.setWeights(bad)).toThrow(/setWeights value 3 for '.*\/bias' has shape \[3\], expected \[2\]/);
    expect(() => b.setWeights(bad.slice(1))).toThrow(/setWeights expected 4 weights, got 3/);
    expect(b.getWeights().map((w) => Array.from(w.values))).toEqual(before);
  });

  test('getConfig is JSON-ready and fromConfig rebuilds the same architecture', () => {
    const a = model();
    const config = JSON.parse(JSON.stringify(a.getConfig())) as ReturnType<Sequential['getConfig']>;
    expect(config.layers.map((l) => l.className)).toEqual(['Dense', 'Dense']);
    const b = Sequential.fromConfig(config);
    expect(b.name).toBe(a.name);
    expect(b.outputShape).toEqual([null, 2]);
    b.setWeights(a.getWeights());
    const x = tensor([[1, 2]]);
    expect(Array.from(b.predict(x).values)).toEqual(Array.from(a.predict(x).values));
  });
});
