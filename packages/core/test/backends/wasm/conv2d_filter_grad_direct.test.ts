// The direct filter-gradient kernel (assembly/f32_conv2d_filter_grad_9x4_wasmsimd.ts) that
// conv2dBackward uses when the filter has at most 27 rows (kh * kw * inC), against the float64
// naive oracle: every filter-row count around the 9-row passes, channel tails (1, 3, 5, 7 and
// whole vectors), strides, dilations and padding on both sides.
import { closenessMismatches, wasmBackend, type Conv2dInfo } from '../../../src';
import { DIRECT_MAX_ROWS, FEW_ROW_CONVS, filterRows, fewRowConv } from '../../helpers/few_row_convs';
import { conv2dFilterSize, conv2dInputSize, conv2dOutputSize, expectAllClose, makeConv2dInfo, naiveConv2dFilterGrad } from '../../helpers/naive_kernels';
import { OP_CONV_FILTER_GRAD } from '../../../src/backends/wasm/job_layout';
import { VARIANTS, expectBitIdentical, randomArray, withOpTrace, withSettings } from '../../helpers/wasm_setup';

const FILTER_ONLY = { input: false, filter: true, bias: false };
const CASES = FEW_ROW_CONVS;

function data(info: Conv2dInfo, name: string) {
  return { x: randomArray(conv2dInputSize(info), `x${name}`), dy: randomArray(conv2dOutputSize(info), `dy${name}`) };
}

describe.each(VARIANTS)('f32_conv2d_filter_grad_9x4_wasmsimd (%s)', (variant) => {
  it.each(CASES)('matches the naive oracle: %s', (name, info) => {
    const { x, dy } = data(info, name);
    const w = new Float32Array(conv2dFilterSize(info));
    const { result: got, ops } = withOpTrace(() => withSettings(variant, 2, () => wasmBackend.conv2dBackward(x, w, dy, null, info, FILTER_ONLY, 'linear')));
    expectAllClose(got.dw as Float32Array, naiveConv2dFilterGrad(x, dy, info));
    // This kernel for at most 27 filter rows, not the packed GEMM that would also pass.
    expect(ops.includes(OP_CONV_FILTER_GRAD)).toBe(filterRows(info) <= DIRECT_MAX_ROWS);
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
    const info = fewRowConv({ inChannels: 1, outChannels: 4, kernelHeight: 3, kernelWidth: 3 });
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
