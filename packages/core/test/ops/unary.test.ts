import { tensor, neg, exp, log, sqrt, square, abs, clip, relu, sigmoid, tanh, elu, softmax, logSoftmax, sum } from '../../src';
import { rand, expectGradientsMatch, expectClose } from '../helpers/random_tensors';

describe('unary ops and activations', () => {
  test('values', () => {
    expectClose(exp(tensor([0, 1])).dataSync(), [1, Math.E]);
    expectClose(log(tensor([1, Math.E])).dataSync(), [0, 1]);
    expect(sqrt(tensor([4, 9])).toArray()).toEqual([2, 3]);
    expect(square(tensor([-3])).toArray()).toEqual([9]);
    expect(abs(tensor([-3, 2])).toArray()).toEqual([3, 2]);
    expect(neg(tensor([1])).toArray()).toEqual([-1]);
    expect(clip(tensor([-2, 0.5, 2]), -1, 1).toArray()).toEqual([-1, 0.5, 1]);
    expect(relu(tensor([-1, 0, 2])).toArray()).toEqual([0, 0, 2]);
    expectClose(sigmoid(tensor([0, 1000, -1000])).dataSync(), [0.5, 1, 0]);
    expectClose(tanh(tensor([0.5])).dataSync(), [Math.tanh(0.5)]);
    expectClose(elu(tensor([-1, 2])).dataSync(), [Math.exp(-1) - 1, 2]);
  });

  test('softmax and logSoftmax are stable for logits of magnitude 1e3', () => {
    const x = tensor([[1000, 0, -1000], [-1000, -1000, -999]]);
    const p = softmax(x).dataSync();
    expectClose(p, [1, 0, 0, 1 / (2 + Math.E), 1 / (2 + Math.E), Math.E / (2 + Math.E)], 1e-6);
    const lp = logSoftmax(x).dataSync();
    expect(Array.from(lp).every(Number.isFinite)).toBe(true);
    expect(lp[0]).toBeCloseTo(0, 6);
    expect(lp[1]).toBeCloseTo(-1000, 3);
    expect(lp[2]).toBeCloseTo(-2000, 3);
    expect(lp[5]).toBeCloseTo(1 - Math.log(2 + Math.E), 5);
    expectClose(sum(softmax(rand([4, 7], 1), 0), 0).dataSync(), Array(7).fill(1), 1e-6);
  });

  describe('gradients', () => {
    const x = rand([3, 7], 'x', -2, 2, 0.05);
    const pos = rand([3, 7], 'p', 0.3, 3);
    test('neg exp square', () => {
      expectGradientsMatch(() => neg(x), [x]);
      expectGradientsMatch(() => exp(x), [x]);
      expectGradientsMatch(() => square(x), [x]);
    });
    test('log sqrt', () => {
      expectGradientsMatch(() => log(pos), [pos]);
      expectGradientsMatch(() => sqrt(pos), [pos]);
    });
    test('abs relu elu (away from the kink)', () => {
      expectGradientsMatch(() => abs(x), [x]);
      expectGradientsMatch(() => relu(x), [x]);
      expectGradientsMatch(() => elu(x, 0.7), [x]);
    });
    test('clip', () => {
      const y = rand([3, 7], 'clip', -2, 2);
      const v = y.values as Float32Array;
      for (let i = 0; i < v.length; i++) if (Math.abs(Math.abs(v[i]) - 1) < 0.05) v[i] = 0.3;
      expectGradientsMatch(() => clip(y, -1, 1), [y]);
    });
    test('sigmoid tanh', () => {
      expectGradientsMatch(() => sigmoid(x), [x]);
      expectGradientsMatch(() => tanh(x), [x]);
    });
    test('softmax and logSoftmax on the last and a middle axis', () => {
      const z = rand([2, 5, 3], 'z', -3, 3);
      expectGradientsMatch(() => softmax(z), [z]);
      expectGradientsMatch(() => logSoftmax(z), [z]);
      expectGradientsMatch(() => softmax(z, 1), [z]);
      expectGradientsMatch(() => logSoftmax(z, 1), [z]);
    });
  });
});
