import { depthwiseConv2d, ShapeError, tensor } from '../../src';
import { expectAllClose } from '../helpers/naive_kernels';
import { tf, tfTensor4d, useTfjsCpu } from '../helpers/tfjs';
import { expectAgree } from '../helpers/special_values';
import { expectGradientsMatch, rand } from '../helpers/random_tensors';

describe('depthwiseConv2d op', () => {
  useTfjsCpu();

  test('shapes: channels times the depth multiplier, TensorFlow geometry', () => {
    const x = rand([2, 7, 6, 3], 1);
    expect(depthwiseConv2d(x, rand([3, 3, 3, 1], 2)).shape).toEqual([2, 5, 4, 3]);
    expect(depthwiseConv2d(x, rand([3, 3, 3, 2], 2), { padding: 'same' }).shape).toEqual([2, 7, 6, 6]);
    expect(depthwiseConv2d(x, rand([3, 2, 3, 4], 2), { strides: 2, padding: 'same' }).shape).toEqual([2, 4, 3, 12]);
    expect(depthwiseConv2d(x, rand([3, 3, 3, 1], 2), { dilationRate: 2 }).shape).toEqual([2, 3, 2, 3]);
  });

  test('output channel c * dm + m is input channel c through filter[:, :, c, m]', () => {
    const x = tensor([[[[1, 10]]]]); // one pixel, two channels
    const w = tensor([1, 2, 3, 4, 5, 6], [1, 1, 2, 3]);
    expect(Array.from(depthwiseConv2d(x, w).f32)).toEqual([1, 2, 3, 40, 50, 60]);
  });

  test('errors name the op, shapes and expectation', () => {
    const x = rand([1, 4, 4, 2], 1);
    expect(() => depthwiseConv2d(x, rand([3, 3, 3, 1], 2))).toThrow('depthwiseConv2d: input has 2 channels (shape [1, 4, 4, 2]) but the filter [3, 3, 3, 1] expects 3');
    expect(() => depthwiseConv2d(x, rand([3, 3, 2], 2))).toThrow(new ShapeError('depthwiseConv2d: filter must be rank 4 [kh, kw, inChannels, depthMultiplier], got [3, 3, 2]'));
    expect(() => depthwiseConv2d(x, rand([5, 5, 2, 1], 2))).toThrow(/depthwiseConv2d: the 5x5 kernel/);
    expect(() => depthwiseConv2d(x, rand([3, 3, 2, 2], 2), { bias: rand([2], 3) })).toThrow('depthwiseConv2d: bias must have shape [4], got [2]');
  });

  test.each([
    ['valid, dm 1', [2, 6, 5, 3], [3, 3, 3, 1], {}],
    ['same stride 2, dm 2', [1, 7, 6, 5], [3, 2, 5, 2], { strides: 2, padding: 'same' as const }],
    ['same dilation 2, dm 3', [2, 6, 7, 2], [3, 3, 2, 3], { dilationRate: 2, padding: 'same' as const }],
  ])('matches TensorFlow.js depthwiseConv2d: %s', (_name, xs, ws, opts) => {
    const x = rand(xs, 'tfx');
    const w = rand(ws, 'tfw');
    const want = tf.depthwiseConv2d(tfTensor4d(x), tfTensor4d(w), opts.strides ?? 1, opts.padding ?? 'valid', 'NHWC', opts.dilationRate ?? 1);
    expectAllClose(depthwiseConv2d(x, w, opts).f32, want.dataSync(), 1e-5);
  });

  test('NaN and Infinity as TensorFlow.js: a padded tap is skipped, so an infinite weight there stays out', () => {
    const x = rand([1, 4, 5, 2], 'nx');
    const w = rand([3, 3, 2, 2], 'nw');
    x.f32[2 * 5 * 2 + 3 * 2] = NaN; // pixel (2, 3), channel 0
    x.f32[1] = Infinity; // pixel (0, 0), channel 1
    w.f32[1 * 2 + 1] = -Infinity; // tap (0, 0), channel 0, m 1: in the padding for the top row and left column
    const got = depthwiseConv2d(x, w, { padding: 'same' }).f32;
    const want = tf.depthwiseConv2d(tfTensor4d(x), tfTensor4d(w), 1, 'same').dataSync();
    expect(got.some(Number.isNaN) && got.some((v) => v === -Infinity) && got.some((v) => v === Infinity)).toBe(true);
    expectAgree(got, want, 1e-5);
  });

  describe('gradients w.r.t. input, filter and bias', () => {
    const cases: [string, number[], number[], Parameters<typeof depthwiseConv2d>[2]][] = [
      ['valid stride 1, dm 1', [2, 5, 4, 3], [3, 3, 3, 1], {}],
      ['same stride 2, non-square, dm 2', [1, 6, 5, 5], [3, 2, 5, 2], { strides: 2, padding: 'same' }],
      ['dilation 2 same, dm 3', [2, 6, 6, 2], [2, 2, 2, 3], { dilationRate: 2, padding: 'same' }],
      ['odd stride pair', [1, 7, 5, 2], [3, 3, 2, 1], { strides: [2, 1], padding: 'same' }],
    ];
    test.each(cases)('%s', (name, xs, ws, opts) => {
      const x = rand(xs, `${name}x`);
      const w = rand(ws, `${name}w`);
      const b = rand([xs[3] * ws[3]], `${name}b`);
      expectGradientsMatch(() => depthwiseConv2d(x, w, { ...opts, bias: b }), [x, w, b]);
    });
    test('fused relu', () => {
      const x = rand([2, 5, 5, 3], 'rx');
      const w = rand([3, 3, 3, 2], 'rw');
      const b = rand([6], 'rb');
      expectGradientsMatch(() => depthwiseConv2d(x, w, { bias: b, activation: 'relu' }), [x, w, b], { eps: 1e-3, atol: 5e-3 });
    });
  });
});
