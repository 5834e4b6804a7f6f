// The oracles every kernel is judged by get their own checks: hand-worked values, TensorFlow's
// geometry, and the adjoint identities that tie each gradient to its forward.
import {
  conv2dFilterSize, conv2dInputSize, conv2dOutputSize, convAxisGeometry, dot, expectAllClose,
  makeConv2dInfo, makePool2dInfo, makeTestRng, naiveConv2d, naiveConv2dFilterGrad, naiveConv2dInputGrad,
  naiveMatMul, naiveMaxPool2d, naiveMaxPool2dGrad, randomFloats,
} from '../../helpers/naive_kernels';

const rng = makeTestRng('naive-oracles');

describe('convAxisGeometry (TensorFlow rules)', () => {
  it.each([
    // [in, kernel, stride, dilation, padding, out, padBefore]
    [5, 3, 1, 1, 'valid', 3, 0],
    [6, 3, 2, 1, 'valid', 2, 0],
    [7, 3, 1, 2, 'valid', 3, 0],
    [5, 3, 2, 1, 'same', 3, 1],
    [4, 3, 2, 1, 'same', 2, 0], // pad_total 1: the odd pixel goes after
    [6, 2, 2, 1, 'same', 3, 0],
    [7, 3, 1, 2, 'same', 7, 2],
    [3, 5, 2, 1, 'same', 2, 2],
  ] as const)('in %i, k %i, s %i, d %i, %s -> out %i, pad before %i', (inSize, k, s, d, padding, out, padBefore) => {
    expect(convAxisGeometry(inSize, k, s, d, padding)).toEqual({ out, padBefore });
  });

  it('builds infos from a spec, pool strides defaulting to the pool size', () => {
    const conv = makeConv2dInfo({ batch: 2, inHeight: 5, inWidth: 4, inChannels: 3, outChannels: 7, kernelHeight: 3, kernelWidth: 2, strides: [2, 1], padding: 'same' });
    expect(conv).toMatchObject({ outHeight: 3, outWidth: 4, padTop: 1, padLeft: 0, dilationHeight: 1, dilationWidth: 1 });
    const pool = makePool2dInfo({ batch: 1, inHeight: 7, inWidth: 7, channels: 2, poolHeight: 2, poolWidth: 2, padding: 'valid' });
    expect(pool).toMatchObject({ outHeight: 3, outWidth: 3, strideHeight: 2, strideWidth: 2, padTop: 0 });
  });
});

describe('naive kernels', () => {
  it('naiveMatMul: transposes, shared B, bias and relu', () => {
    const a = new Float32Array([1, 2, 3, 4, 5, 6]); // [2, 3], or [3, 2] when transposed
    const b = new Float32Array([1, -1, 0, 2, -2, 1]); // [3, 2], or [2, 3] when transposed
    expect(Array.from(naiveMatMul(a, b, 1, 2, 2, 3, false, false))).toEqual([-5, 6, -8, 12]);
    expect(Array.from(naiveMatMul(a, b, 1, 2, 2, 3, true, false))).toEqual([-9, 10, -10, 12]);
    expect(Array.from(naiveMatMul(a, b, 1, 2, 2, 3, false, true, new Float32Array([2, -2]), 'relu'))).toEqual([1, 0, 1, 2]);
    const twice = naiveMatMul(new Float32Array([...a, ...a]), b, 2, 2, 2, 3, false, false);
    expect(Array.from(twice)).toEqual([-5, 6, -8, 12, -5, 6, -8, 12]);
  });

  it('naiveConv2d: same padding with stride 2, worked by hand', () => {
    // 4x4 input 1..16, 3x3 ones kernel, stride 2, same: pad_total 1, all of it after.
    const info = makeConv2dInfo({ batch: 1, inHeight: 4, inWidth: 4, inChannels: 1, outChannels: 1, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same' });
    const x = Float32Array.from({ length: 16 }, (_v, i) => i + 1);
    const y = naiveConv2d(x, new Float32Array(9).fill(1), info);
    expect(Array.from(y)).toEqual([1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11, 3 + 4 + 7 + 8 + 11 + 12, 9 + 10 + 11 + 13 + 14 + 15, 11 + 12 + 15 + 16]);
  });

  it.each([
    ['same, stride 2, dilation (1, 2)', { strides: 2, dilations: [1, 2] as const, padding: 'same' as const }],
    ['valid, non-square kernel, stride (1, 3)', { strides: [1, 3] as const, padding: 'valid' as const }],
  ])('conv gradients are the adjoints of the forward (%s)', (_name, geometry) => {
    // <conv(x, w), dy> = <x, dx(dy, w)> = <w, dw(x, dy)>, the definition of both gradients.
    const info = makeConv2dInfo({ batch: 2, inHeight: 9, inWidth: 8, inChannels: 3, outChannels: 4, kernelHeight: 3, kernelWidth: 2, ...geometry });
    const x = randomFloats(rng, conv2dInputSize(info));
    const w = randomFloats(rng, conv2dFilterSize(info));
    const dy = randomFloats(rng, conv2dOutputSize(info));
    const forward = dot(naiveConv2d(x, w, info), dy);
    expectAllClose([dot(x, naiveConv2dInputGrad(dy, w, info))], [forward], 1e-5);
    expectAllClose([dot(w, naiveConv2dFilterGrad(x, dy, info))], [forward], 1e-5);
  });

  it('naiveMaxPool2d and its gradient, worked by hand', () => {
    const info = makePool2dInfo({ batch: 1, inHeight: 3, inWidth: 3, channels: 1, poolHeight: 2, poolWidth: 2, strides: 1, padding: 'valid' });
    const x = new Float32Array([1, 5, 2, 5, 3, 5, 0, 4, 1]);
    const { y, argmax } = naiveMaxPool2d(x, info);
    expect(Array.from(y)).toEqual([5, 5, 5, 5]);
    expect(Array.from(argmax)).toEqual([1, 1, 3, 5]);
    const dx = naiveMaxPool2dGrad(x, new Float32Array([1, 2, 3, 4]), info);
    expect(Array.from(dx)).toEqual([0, 3, 0, 3, 0, 4, 0, 0, 0]);
  });
});
