import { avgPool2d, conv2d, maxPool2d, ShapeError, ValueError, tensor } from '../../src';
import { rand, distinct, expectGradientsMatch } from '../helpers/random_tensors';

describe('conv2d op', () => {
  test('shapes follow TensorFlow: valid, same, strides, dilation', () => {
    const x = rand([2, 7, 6, 3], 1);
    expect(conv2d(x, rand([3, 3, 3, 4], 2)).shape).toEqual([2, 5, 4, 4]);
    expect(conv2d(x, rand([3, 3, 3, 4], 2), { padding: 'same' }).shape).toEqual([2, 7, 6, 4]);
    expect(conv2d(x, rand([3, 2, 3, 4], 2), { strides: 2, padding: 'same' }).shape).toEqual([2, 4, 3, 4]);
    expect(conv2d(x, rand([3, 3, 3, 1], 2), { dilationRate: 2 }).shape).toEqual([2, 3, 2, 1]);
  });

  test('a 1x1 input with a same-padded 3x3 kernel sees only the centre tap', () => {
    const x = tensor([2], [1, 1, 1, 1]);
    const w = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3, 1, 1]);
    expect(conv2d(x, w, { padding: 'same' }).item()).toBe(10);
  });

  test('errors name the op, shapes and expectation', () => {
    const x = rand([1, 2, 2, 1], 1);
    expect(() => conv2d(x, rand([3, 3, 1, 1], 2))).toThrow(
      new ShapeError('conv2d: the 3x3 kernel (dilation 1x1) is larger than the valid-padded 2x2 input [1, 2, 2, 1]'),
    );
    expect(() => conv2d(x, rand([1, 1, 2, 1], 2))).toThrow('conv2d: input has 1 channels (shape [1, 2, 2, 1]) but the filter [1, 1, 2, 1] expects 2');
    expect(() => conv2d(rand([2, 2, 1], 1), rand([1, 1, 1, 1], 2))).toThrow(/input must be rank 4/);
    expect(() => conv2d(x, rand([1, 1, 1, 1], 2), { strides: 0 })).toThrow(ValueError);
  });

  describe('gradients w.r.t. input, filter and bias', () => {
    const cases: [string, number[], number[], Parameters<typeof conv2d>[2]][] = [
      ['valid stride 1', [2, 5, 4, 2], [3, 3, 2, 3], {}],
      ['same stride 2, non-square', [1, 6, 5, 3], [3, 2, 3, 2], { strides: 2, padding: 'same' }],
      ['dilation 2', [2, 6, 6, 1], [2, 2, 1, 2], { dilationRate: 2 }],
      ['same, odd stride pair', [1, 7, 5, 2], [3, 3, 2, 2], { strides: [2, 1], padding: 'same' }],
    ];
    for (const [name, xs, ws, opts] of cases) {
      test(name, () => {
        const x = rand(xs, `${name}x`);
        const w = rand(ws, `${name}w`);
        const b = rand([ws[3]], `${name}b`);
        expectGradientsMatch(() => conv2d(x, w, { ...opts, bias: b }), [x, w, b]);
      });
    }
    test('fused relu', () => {
      const x = rand([2, 5, 5, 2], 'rx');
      const w = rand([3, 3, 2, 3], 'rw');
      const b = rand([3], 'rb');
      // Move pre-activations away from 0 so finite differences never cross the kink.
      expectGradientsMatch(() => conv2d(x, w, { bias: b, activation: 'relu' }), [x, w, b], { eps: 1e-3, atol: 5e-3 });
    });
  });
});

describe('maxPool2d op', () => {
  test('valid and same shapes; strides default to the pool size', () => {
    const x = rand([1, 5, 5, 2], 1);
    expect(maxPool2d(x).shape).toEqual([1, 2, 2, 2]);
    expect(maxPool2d(x, { padding: 'same' }).shape).toEqual([1, 3, 3, 2]);
    expect(maxPool2d(x, { poolSize: 3, strides: 1 }).shape).toEqual([1, 3, 3, 2]);
    expect(() => maxPool2d(rand([1, 1, 1, 1], 1))).toThrow(/pool window is larger than the 1x1 input/);
  });

  test('gradients: valid, same, overlapping windows', () => {
    const x = distinct([2, 5, 6, 3], 'p');
    expectGradientsMatch(() => maxPool2d(x), [x]);
    expectGradientsMatch(() => maxPool2d(x, { poolSize: 3, strides: 2, padding: 'same' }), [x]);
    expectGradientsMatch(() => maxPool2d(x, { poolSize: [2, 3], strides: 1 }), [x]);
  });
});

describe('avgPool2d op', () => {
  test('valid and same shapes; strides default to the pool size', () => {
    const x = rand([1, 5, 5, 2], 1);
    expect(avgPool2d(x).shape).toEqual([1, 2, 2, 2]);
    expect(avgPool2d(x, { padding: 'same' }).shape).toEqual([1, 3, 3, 2]);
    expect(avgPool2d(x, { poolSize: 3, strides: 1 }).shape).toEqual([1, 3, 3, 2]);
    expect(() => avgPool2d(rand([1, 1, 1, 1], 1))).toThrow(new ShapeError('avgPool2d: the 2x2 pool window is larger than the 1x1 input [1, 1, 1, 1]'));
    expect(() => avgPool2d(rand([1, 4, 4], 1))).toThrow(/avgPool2d: input must be rank 4/);
  });

  test('gradients: valid, same with partial windows, overlapping windows, stride larger than the pool', () => {
    const x = rand([2, 5, 6, 3], 'a');
    expectGradientsMatch(() => avgPool2d(x), [x]);
    expectGradientsMatch(() => avgPool2d(x, { poolSize: 3, strides: 2, padding: 'same' }), [x]);
    expectGradientsMatch(() => avgPool2d(x, { poolSize: [2, 3], strides: 1, padding: 'same' }), [x]);
    expectGradientsMatch(() => avgPool2d(x, { poolSize: 2, strides: 3 }), [x]);
  });
});
