import { conv2dTranspose, deconvOutputLength, ShapeError, ValueError } from '../../src';
import { expectAllClose } from '../helpers/naive_kernels';
import { tf, tfTensor4d, useTfjsCpu } from '../helpers/tfjs';
import { expectGradientsMatch, rand } from '../helpers/random_tensors';

describe('conv2dTranspose op', () => {
  useTfjsCpu();

  test("output sizes follow Keras's deconv_output_length", () => {
    const x = rand([2, 4, 5, 3], 1);
    expect(conv2dTranspose(x, rand([3, 3, 2, 3], 2)).shape).toEqual([2, 6, 7, 2]);
    expect(conv2dTranspose(x, rand([3, 3, 2, 3], 2), { strides: 2 }).shape).toEqual([2, 9, 11, 2]);
    expect(conv2dTranspose(x, rand([3, 3, 2, 3], 2), { strides: 2, padding: 'same' }).shape).toEqual([2, 8, 10, 2]);
    expect(conv2dTranspose(x, rand([2, 2, 2, 3], 2), { strides: 3 }).shape).toEqual([2, 12, 15, 2]); // kernel below the stride
    expect(conv2dTranspose(x, rand([3, 3, 2, 3], 2), { strides: 2, padding: 'same', outputPadding: 0 }).shape).toEqual([2, 7, 9, 2]);
    expect(conv2dTranspose(x, rand([3, 3, 2, 3], 2), { strides: 2, outputPadding: [1, 0] }).shape).toEqual([2, 10, 11, 2]);
    expect(conv2dTranspose(x, rand([3, 3, 1, 3], 2), { dilationRate: 2 }).shape).toEqual([2, 8, 9, 1]);
    expect([deconvOutputLength(4, 3, 2, 1, 'same', 1), deconvOutputLength(4, 4, 2, 1, 'same', 1)]).toEqual([8, 7]);
  });

  test('errors name the op, shapes and expectation', () => {
    const x = rand([1, 4, 4, 2], 1);
    expect(() => conv2dTranspose(x, rand([3, 3, 2, 3], 2))).toThrow(new ShapeError('conv2dTranspose: input has 2 channels (shape [1, 4, 4, 2]) but the filter [3, 3, 2, 3] expects 3'));
    expect(() => conv2dTranspose(x, rand([3, 3, 2, 2], 2), { strides: 2, outputPadding: 2 })).toThrow(ValueError);
    expect(() => conv2dTranspose(x, rand([3, 3, 2, 2], 2), { outputPadding: 1 })).toThrow(/outputPadding must be non-negative integers each below its stride/);
    expect(() => conv2dTranspose(rand([4, 4, 2], 1), rand([3, 3, 2, 2], 2))).toThrow(/input must be rank 4/);
  });

  test.each([
    ['valid, stride 1', [2, 4, 5, 3], [3, 3, 2, 3], {}],
    ['valid, stride 2, 3x2 kernel', [1, 5, 4, 2], [3, 2, 4, 2], { strides: 2 }],
    ['same, stride 2 (the odd padding pixel)', [2, 3, 5, 3], [3, 3, 2, 3], { strides: 2, padding: 'same' as const }],
    ['same, stride [2, 3], 4x4 kernel', [1, 4, 3, 2], [4, 4, 3, 2], { strides: [2, 3] as [number, number], padding: 'same' as const }],
    ['valid, kernel below the stride', [1, 3, 3, 2], [2, 2, 3, 2], { strides: 3 }],
  ])('matches TensorFlow.js conv2dTranspose: %s', (_name, xs, ws, opts) => {
    const x = rand(xs, 'tx');
    const w = rand(ws, 'tw');
    const y = conv2dTranspose(x, w, opts);
    const want = tf.conv2dTranspose(tfTensor4d(x), tfTensor4d(w), y.shape as [number, number, number, number], opts.strides ?? 1, opts.padding ?? 'valid');
    expect(want.shape).toEqual(y.shape);
    expectAllClose(y.f32, want.dataSync(), 1e-5);
  });

  test.each([
    ['same, stride 2, outputPadding 0', { strides: 2, padding: 'same' as const, outputPadding: 0 }],
    ['same, stride 3, outputPadding [2, 1]', { strides: 3, padding: 'same' as const, outputPadding: [2, 1] as [number, number] }],
    ['valid, stride 2, outputPadding 1', { strides: 2, outputPadding: 1 }],
  ])('with outputPadding, matches TensorFlow.js given the same output shape: %s', (_name, opts) => {
    const x = rand([2, 3, 4, 2], 'ox');
    const w = rand([3, 3, 3, 2], 'ow');
    const y = conv2dTranspose(x, w, opts);
    const want = tf.conv2dTranspose(tfTensor4d(x), tfTensor4d(w), y.shape as [number, number, number, number], opts.strides, opts.padding ?? 'valid');
    expectAllClose(y.f32, want.dataSync(), 1e-5);
  });

  test.each([
    ['valid, stride 1', [2, 3, 4, 2], [3, 3, 3, 2], {}],
    ['same, stride 2, outputPadding 1', [1, 3, 3, 3], [3, 2, 2, 3], { strides: 2, padding: 'same' as const, outputPadding: 1 }],
    ['valid, stride [2, 3], kernel below the stride', [1, 3, 2, 2], [2, 2, 3, 2], { strides: [2, 3] as [number, number] }],
    ['dilation 2, same', [2, 4, 3, 2], [3, 2, 2, 2], { dilationRate: 2, padding: 'same' as const }],
  ])('gradients w.r.t. input and filter match finite differences: %s', (name, xs, ws, opts) => {
    const x = rand(xs, `${name}x`);
    const w = rand(ws, `${name}w`);
    expectGradientsMatch(() => conv2dTranspose(x, w, opts), [x, w]);
  });
});
