// The direct forward kernel (assembly/f32_conv2d_4x8_wasmsimd.ts) that conv2d uses when the filter
// has at most 27 rows (kh * kw * inC), against the float64 naive oracle and, bit for bit, against
// the GEMM of the im2col matrix it replaces: pixel tails (widths off the 4-pixel tile), channel
// tails (off the 8-channel tile), strides, dilations, padding, bias and relu.
import { wasmBackend, type Conv2dInfo, type FusedActivation } from '../../../src';
import { OP_CONV_DIRECT, OP_GEMM } from '../../../src/backends/wasm/job_layout';
import { conv2dFilterSize, conv2dInputSize, expectAllClose, im2col, makeConv2dInfo, naiveConv2d, type Conv2dSpec } from '../../helpers/naive_kernels';
import { VARIANTS, expectBitIdentical, expectSameValues, randomArray, withOpTrace, withSettings } from '../../helpers/wasm_setup';

const spec = (s: Partial<Conv2dSpec> & Pick<Conv2dSpec, 'inChannels' | 'outChannels' | 'kernelHeight' | 'kernelWidth'>): Conv2dInfo =>
  makeConv2dInfo({ batch: 2, inHeight: 9, inWidth: 11, padding: 'valid', ...s });

const CASES: Array<[string, Conv2dInfo]> = [
  ['3x3x1 -> 32 (the first layer), width 9: two 4-pixel tiles and a tail', spec({ inChannels: 1, outChannels: 32, kernelHeight: 3, kernelWidth: 3 })],
  ['1x1x1 -> 1 (one scalar channel)', spec({ inChannels: 1, outChannels: 1, kernelHeight: 1, kernelWidth: 1 })],
  ['2x2x2 -> 3, width 10', spec({ inChannels: 2, outChannels: 3, kernelHeight: 2, kernelWidth: 2 })],
  ['3x3x2 -> 5, same padding', spec({ inChannels: 2, outChannels: 5, kernelHeight: 3, kernelWidth: 3, padding: 'same' })],
  ['3x3x3 -> 12, stride 2, same (27 rows, channels 8 + 4)', spec({ inChannels: 3, outChannels: 12, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same', inHeight: 10, inWidth: 13 })],
  ['5x5x1 -> 9, dilation 2, same (channels 8 + 1)', spec({ inChannels: 1, outChannels: 9, kernelHeight: 5, kernelWidth: 5, dilations: 2, padding: 'same' })],
  ['3x1x3 -> 4, strides [2, 3]', spec({ inChannels: 3, outChannels: 4, kernelHeight: 3, kernelWidth: 1, strides: [2, 3] })],
  ['1x5x2 -> 7, dilation [1, 2], same', spec({ inChannels: 2, outChannels: 7, kernelHeight: 1, kernelWidth: 5, dilations: [1, 2], padding: 'same' })],
  ['3x3x1 -> 16, kernel taller than the image, same', spec({ inChannels: 1, outChannels: 16, kernelHeight: 3, kernelWidth: 3, padding: 'same', inHeight: 2, inWidth: 3 })],
];

function data(info: Conv2dInfo, name: string) {
  return {
    x: randomArray(conv2dInputSize(info), `x${name}`),
    w: randomArray(conv2dFilterSize(info), `w${name}`),
    bias: randomArray(info.outChannels, `b${name}`),
  };
}

/** The GEMM path's result: the im2col matrix times the filter, with the same bias and relu epilogue. */
function gemmConv(x: Float32Array, w: Float32Array, info: Conv2dInfo, bias: Float32Array | null, activation: FusedActivation): Float32Array {
  const k = info.kernelHeight * info.kernelWidth * info.inChannels;
  return Float32Array.from(wasmBackend.matMul(im2col(x, info), w, 1, info.batch * info.outHeight * info.outWidth, info.outChannels, k, false, false, bias, activation));
}

describe.each(VARIANTS)('f32_conv2d_4x8_wasmsimd (%s)', (variant) => {
  it.each(CASES)('matches the oracle, and the GEMM bit for bit: %s', (name, info) => {
    const { x, w, bias } = data(info, name);
    for (const [b, activation] of [[bias, 'relu'], [null, 'linear']] as const) {
      const { result, ops } = withOpTrace(() => withSettings(variant, 2, () => Float32Array.from(wasmBackend.conv2d(x, w, info, b, activation))));
      expect(ops).toEqual([OP_CONV_DIRECT]); // this kernel, not the im2col GEMM that would also pass
      expectAllClose(result, naiveConv2d(x, w, info, b, activation));
      expectBitIdentical(result, withSettings(variant, 2, () => gemmConv(x, w, info, b, activation)));
    }
  });

  it('is bit-identical on 1, 2 and 3 threads (tasks of output rows on the pool)', () => {
    const info = makeConv2dInfo({ batch: 5, inHeight: 48, inWidth: 47, inChannels: 1, outChannels: 32, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
    const { x, w, bias } = data(info, 'threads');
    const [one, two, three] = [1, 2, 3].map((t) => withSettings(variant, t, () => Float32Array.from(wasmBackend.conv2d(x, w, info, bias, 'relu'))));
    expectBitIdentical(two, one);
    expectBitIdentical(three, one);
    expectAllClose(one, naiveConv2d(x, w, info, bias, 'relu'));
  });

  it('gives the GEMM\'s NaN and Inf pattern, relu keeping NaN', () => {
    const info = spec({ inChannels: 1, outChannels: 8, kernelHeight: 3, kernelWidth: 3, padding: 'same' });
    const { x, w, bias } = data(info, 'nan');
    x[13] = NaN;
    x[40] = Infinity;
    w[5] = -Infinity; // one filter row's column 5: Inf * 0 (padding) is NaN, as in the GEMM
    const got = withSettings(variant, 2, () => Float32Array.from(wasmBackend.conv2d(x, w, info, bias, 'relu')));
    expectSameValues(got, withSettings(variant, 2, () => gemmConv(x, w, info, bias, 'relu')));
    expect(got.some(Number.isNaN)).toBe(true);
  });

  it('leaves filters of more than 27 rows to the GEMM (3x3x4 = 36)', () => {
    const info = spec({ inChannels: 4, outChannels: 8, kernelHeight: 3, kernelWidth: 3 });
    const { x, w, bias } = data(info, 'gemm');
    const { result, ops } = withOpTrace(() => withSettings(variant, 2, () => Float32Array.from(wasmBackend.conv2d(x, w, info, bias, 'relu'))));
    expect(ops).not.toContain(OP_CONV_DIRECT);
    expect(ops).toContain(OP_GEMM);
    expectAllClose(result, naiveConv2d(x, w, info, bias, 'relu'));
  });

  it('returns an empty output for an empty batch', () => {
    const info = makeConv2dInfo({ batch: 0, inHeight: 9, inWidth: 11, inChannels: 1, outChannels: 32, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
    expect(wasmBackend.conv2d(new Float32Array(0), randomArray(288, 'w0'), info, null, 'relu').length).toBe(0);
  });
});
