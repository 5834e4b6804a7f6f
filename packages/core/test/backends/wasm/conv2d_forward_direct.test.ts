// The direct forward kernel (assembly/f32_conv2d_4x8_wasmsimd.ts) that conv2d uses when the filter
// has at most 27 rows (kh * kw * inC), against the float64 naive oracle and, bit for bit, against
// the GEMM of the im2col matrix it replaces, on the few-row shapes (helpers/few_row_convs.ts), with
// and without bias and relu.
import { wasmBackend, type Conv2dInfo, type FusedActivation } from '../../../src';
import { OP_CONV_DIRECT, OP_GEMM } from '../../../src/backends/wasm/job_layout';
import { DIRECT_MAX_ROWS, FEW_ROW_CONVS, filterRows, fewRowConv } from '../../helpers/few_row_convs';
import { conv2dFilterSize, conv2dInputSize, expectAllClose, im2col, makeConv2dInfo, naiveConv2d } from '../../helpers/naive_kernels';
import { VARIANTS, expectBitIdentical, expectSameValues, randomArray, withOpTrace, withSettings } from '../../helpers/wasm_setup';

const CASES = FEW_ROW_CONVS;

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
      // This kernel for at most 27 filter rows, not the im2col GEMM that would also pass.
      expect(ops.includes(OP_CONV_DIRECT)).toBe(filterRows(info) <= DIRECT_MAX_ROWS);
      if (filterRows(info) > DIRECT_MAX_ROWS) expect(ops).toContain(OP_GEMM);
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
    const info = fewRowConv({ inChannels: 1, outChannels: 8, kernelHeight: 3, kernelWidth: 3, padding: 'same' });
    const { x, w, bias } = data(info, 'nan');
    x[13] = NaN;
    x[40] = Infinity;
    w[5] = -Infinity; // one filter row's column 5: Inf * 0 (padding) is NaN, as in the GEMM
    const got = withSettings(variant, 2, () => Float32Array.from(wasmBackend.conv2d(x, w, info, bias, 'relu')));
    expectSameValues(got, withSettings(variant, 2, () => gemmConv(x, w, info, bias, 'relu')));
    expect(got.some(Number.isNaN)).toBe(true);
  });

  it('returns an empty output for an empty batch', () => {
    const info = makeConv2dInfo({ batch: 0, inHeight: 9, inWidth: 11, inChannels: 1, outChannels: 32, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
    expect(wasmBackend.conv2d(new Float32Array(0), randomArray(288, 'w0'), info, null, 'relu').length).toBe(0);
  });
});
