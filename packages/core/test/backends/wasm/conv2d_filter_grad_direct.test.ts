// The direct filter-gradient kernel (assembly/f32_conv2d_filter_grad_9x4_wasmsimd.ts) that
// conv2dBackward uses when the filter has at most 27 rows (kh * kw * inC), against the float64
// naive oracle: every filter-row count around the 9-row passes, channel tails (1, 3, 5, 7 and
// whole vectors), strides, dilations and padding on both sides.
import { closenessMismatches, wasmBackend, type Conv2dInfo } from '../../../src';
import { conv2dFilterSize, conv2dInputSize, conv2dOutputSize, expectAllClose, makeConv2dInfo, naiveConv2dFilterGrad, type Conv2dSpec } from '../../helpers/naive_kernels';
import { OP_CONV_FILTER_GRAD } from '../../../src/backends/wasm/job_layout';
import { VARIANTS, expectBitIdentical, randomArray, withOpTrace, withSettings } from '../../helpers/wasm_setup';

const FILTER_ONLY = { input: false, filter: true, bias: false };
const spec = (s: Partial<Conv2dSpec> & Pick<Conv2dSpec, 'inChannels' | 'outChannels' | 'kernelHeight' | 'kernelWidth'>): Conv2dInfo =>
  makeConv2dInfo({ batch: 2, inHeight: 9, inWidth: 11, padding: 'valid', ...s });

const CASES: Array<[string, Conv2dInfo]> = [
  ['3x3x1 -> 32 (the first layer: one 9-row pass)', spec({ inChannels: 1, outChannels: 32, kernelHeight: 3, kernelWidth: 3 })],
  ['1x1x1 -> 1 (8 padding rows, one scalar channel)', spec({ inChannels: 1, outChannels: 1, kernelHeight: 1, kernelWidth: 1 })],
  ['2x2x2 -> 3 (8 rows, scalar tail only)', spec({ inChannels: 2, outChannels: 3, kernelHeight: 2, kernelWidth: 2 })],
  ['3x3x2 -> 5, same padding (18 rows, zero rows and columns)', spec({ inChannels: 2, outChannels: 5, kernelHeight: 3, kernelWidth: 3, padding: 'same' })],
  ['3x3x3 -> 7, stride 2, same (27 rows, odd size)', spec({ inChannels: 3, outChannels: 7, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same', inHeight: 10, inWidth: 13 })],
  ['5x5x1 -> 12, dilation 2, same (25 rows)', spec({ inChannels: 1, outChannels: 12, kernelHeight: 5, kernelWidth: 5, dilations: 2, padding: 'same' })],
  ['3x1x3 -> 4, strides [2, 3] (9 rows)', spec({ inChannels: 3, outChannels: 4, kernelHeight: 3, kernelWidth: 1, strides: [2, 3] })],
  ['1x5x2 -> 9, dilation [1, 2], same (10 rows)', spec({ inChannels: 2, outChannels: 9, kernelHeight: 1, kernelWidth: 5, dilations: [1, 2], padding: 'same' })],
  ['7x7x1 -> 8, same, kernel wider than the image (49 rows: the GEMM path)', spec({ inChannels: 1, outChannels: 8, kernelHeight: 7, kernelWidth: 7, padding: 'same', inHeight: 3, inWidth: 4 })],
];

function data(info: Conv2dInfo, name: string) {
  return { x: randomArray(conv2dInputSize(info), `x${name}`), dy: randomArray(conv2dOutputSize(info), `dy${name}`) };
}

describe.each(VARIANTS)('f32_conv2d_filter_grad_9x4_wasmsimd (%s)', (variant) => {
  it.each(CASES)('matches the naive oracle: %s', (name, info) => {
    const { x, dy } = data(info, name);
    const w = new Float32Array(conv2dFilterSize(info));
    const { result: got, ops } = withOpTrace(() => withSettings(variant, 2, () => wasmBackend.conv2dBackward(x, w, dy, null, info, FILTER_ONLY, 'linear')));
    expectAllClose(got.dw as Float32Array, naiveConv2dFilterGrad(x, dy, info));
    // This kernel for at most 27 filter rows, not the packed GEMM that would also pass (7x7x1 takes the GEMM).
    expect(ops.includes(OP_CONV_FILTER_GRAD)).toBe(info.kernelHeight * info.kernelWidth * info.inChannels <= 27);
  });

  it('is not used past 27 filter rows (3x3x4 = 36: the packed GEMM, still matching the oracle)', () => {
    const info = spec({ inChannels: 4, outChannels: 6, kernelHeight: 3, kernelWidth: 3 });
    const { x, dy } = data(info, 'gemm');
    const w = new Float32Array(conv2dFilterSize(info));
    const { result: got, ops } = withOpTrace(() => withSettings(variant, 2, () => wasmBackend.conv2dBackward(x, w, dy, null, info, FILTER_ONLY, 'linear')));
    expectAllClose(got.dw as Float32Array, naiveConv2dFilterGrad(x, dy, info));
    expect(ops).not.toContain(OP_CONV_FILTER_GRAD);
  });

  it('is bit-identical on 1, 2 and 3 threads (32 chunks on the pool)', () => {
    const info = makeConv2dInfo({ batch: 5, inHeight: 30, inWidth: 31, inChannels: 1, outChannels: 33, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
    const { x, dy } = data(info, 'threads');
    const w = new Float32Array(conv2dFilterSize(info));
    const one = withSettings(variant, 1, () => wasmBackend.conv2dBackward(x, w, dy, null, info, FILTER_ONLY, 'linear')).dw as Float32Array;
    expectAllClose(one, naiveConv2dFilterGrad(x, dy, info));
    for (const threads of [2, 3]) {
      expectBitIdentical(withSettings(variant, threads, () => wasmBackend.conv2dBackward(x, w, dy, null, info, FILTER_ONLY, 'linear')).dw as Float32Array, one);
    }
  });

  it('propagates NaN and Infinity from x into the filter rows that read it', () => {
    const info = spec({ inChannels: 1, outChannels: 4, kernelHeight: 3, kernelWidth: 3 });
    const { x, dy } = data(info, 'nan');
    x[0] = NaN; // image 0, pixel (0, 0): only tap (0, 0) reads it
    x[5] = Infinity; // pixel (0, 5): taps (0, *) read it
    const w = new Float32Array(conv2dFilterSize(info));
    const got = withSettings(variant, 1, () => wasmBackend.conv2dBackward(x, w, dy, null, info, FILTER_ONLY, 'linear')).dw as Float32Array;
    expect(closenessMismatches(got, naiveConv2dFilterGrad(x, dy, info))).toEqual([]); // NaN only where NaN, Inf only where Inf
    expect(Number.isNaN(got[0])).toBe(true);
    expect(got.some((v) => v === Infinity || v === -Infinity)).toBe(true);
  });
});
