import * as tf from '@tensorflow/tfjs';
import { depthwiseConv2d, ShapeError, tensor, type Tensor } from '../../src';
import { expectAllClose } from '../helpers/naive_kernels';
import { expectGradientsMatch, rand } from '../helpers/random_tensors';

const tfTensor = (t: Tensor): tf.Tensor4D => tf.tensor4d(t.f32, t.shape as [number, number, number, number]);

describe('depthwiseConv2d op', () => {
  beforeAll(async () => {
    tf.env().set('IS_TEST', true); // silences TensorFlow.js's "install tfjs-node" notice
    await tf.setBackend('cpu');
  });

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
    const want = tf.depthwiseConv2d(tfTensor(x), tfTensor(w), opts.strides ?? 1, opts.padding ?? 'valid', 'NHWC', opts.dilationRate ?? 1);
    expectAllClose(depthwiseConv2d(x, w, opts).f32, want.dataSync(), 1e-5);
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
