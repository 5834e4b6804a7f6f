import { referenceBackend, wasmBackend, type Conv2dInfo } from '../../../src';
import {
  conv2dInputSize, conv2dOutputSize, expectAllClose, makeDepthwiseInfo, depthwiseFilterSize, makeTestRng, naiveDepthwiseConv2dFilterGrad,
} from '../../helpers/naive_kernels';
import { expectAgree, randomWithSpecials } from '../../helpers/special_values';
import { VARIANTS, expectBitIdentical, randomArray, withSettings } from '../../helpers/wasm_setup';

const all = { input: true, filter: true, bias: true };

// Channel counts 1, 3 (scalar tail only), 4 (one vector), 9 and 6 x 2 (vectors and tail, gathered x lanes).
const CASES: Array<[string, Conv2dInfo]> = [
  ['3x3 valid, 9 channels', makeDepthwiseInfo({ batch: 2, inHeight: 7, inWidth: 6, inChannels: 9, kernelHeight: 3, kernelWidth: 3, padding: 'valid' }, 1)],
  ['3x3 same stride 2, 4 channels', makeDepthwiseInfo({ batch: 1, inHeight: 9, inWidth: 8, inChannels: 4, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same' }, 1)],
  ['3x2 same, 6 channels dm 2', makeDepthwiseInfo({ batch: 2, inHeight: 5, inWidth: 7, inChannels: 6, kernelHeight: 3, kernelWidth: 2, padding: 'same' }, 2)],
  ['5x5 dilation 2 same, 3 channels dm 3', makeDepthwiseInfo({ batch: 1, inHeight: 11, inWidth: 9, inChannels: 3, kernelHeight: 5, kernelWidth: 5, dilations: 2, padding: 'same' }, 3)],
  ['2x4 stride [1, 3], 1 channel', makeDepthwiseInfo({ batch: 3, inHeight: 6, inWidth: 10, inChannels: 1, kernelHeight: 2, kernelWidth: 4, strides: [1, 3], padding: 'same' }, 1)],
];

describe('wasm depthwiseConv2d', () => {
  describe.each(VARIANTS)('%s', (variant) => {
    it.each(CASES)('forward and input gradient give the reference bits, the filter gradient the oracle: %s', (name, info) => {
      const x = randomArray(conv2dInputSize(info), `x${name}`);
      const w = randomArray(depthwiseFilterSize(info), `w${name}`);
      const bias = randomArray(info.outChannels, `b${name}`);
      const dy = randomArray(conv2dOutputSize(info), `dy${name}`);
      withSettings(variant, 1, () => {
        for (const act of ['linear', 'relu'] as const) {
          const y = referenceBackend.depthwiseConv2d(x, w, info, bias, act);
          expectBitIdentical(wasmBackend.depthwiseConv2d(x, w, info, bias, act), y);
          const want = referenceBackend.depthwiseConv2dBackward(x, w, dy, y, info, all, act);
          const got = wasmBackend.depthwiseConv2dBackward(x, w, dy, y, info, all, act);
          expectBitIdentical(got.dx as Float32Array, want.dx as Float32Array);
          expectBitIdentical(got.db as Float32Array, want.db as Float32Array);
          const masked = act === 'relu' ? dy.map((d, i) => (y[i] > 0 ? d : 0)) : dy;
          expectAllClose(got.dw as Float32Array, naiveDepthwiseConv2dFilterGrad(x, masked, info));
        }
        expectBitIdentical(wasmBackend.depthwiseConv2d(x, w, info), referenceBackend.depthwiseConv2d(x, w, info));
      });
    });
  });

  it('gives the same bits on 1, 2 and 3 threads (parallel rows and filter-gradient chunks), dm 1 and 2', () => {
    for (const dm of [1, 2]) {
      const info = makeDepthwiseInfo({ batch: 4, inHeight: 29, inWidth: 31, inChannels: 13, kernelHeight: 3, kernelWidth: 3, strides: 1, padding: 'same' }, dm);
      const x = randomArray(conv2dInputSize(info), 'tx');
      const w = randomArray(depthwiseFilterSize(info), `tw${dm}`);
      const bias = randomArray(info.outChannels, `tb${dm}`);
      const dy = randomArray(conv2dOutputSize(info), `tdy${dm}`);
      const run = (threads: number) => withSettings(VARIANTS[0], threads, () => {
        const y = wasmBackend.depthwiseConv2d(x, w, info, bias, 'relu');
        return { y, ...wasmBackend.depthwiseConv2dBackward(x, w, dy, y, info, all, 'relu') };
      });
      const one = run(1);
      expectAllClose(one.dw as Float32Array, naiveDepthwiseConv2dFilterGrad(x, dy.map((d, i) => (one.y[i] > 0 ? d : 0)), info));
      for (const threads of [2, 3]) {
        const got = run(threads);
        for (const key of ['y', 'dx', 'dw', 'db'] as const) expectBitIdentical(got[key] as Float32Array, one[key] as Float32Array);
      }
    }
  });

  it.each(VARIANTS)('carries NaN and Infinity as the reference on every pass (%s)', (variant) => {
    const rng = makeTestRng('dw-special');
    for (const [, info] of CASES.slice(1, 4)) {
      const special = (n: number): Float32Array => randomWithSpecials(rng, n, 0.03);
      const [x, w, bias, dy] = [special(conv2dInputSize(info)), special(depthwiseFilterSize(info)), special(info.outChannels), special(conv2dOutputSize(info))];
      withSettings(variant, 2, () => {
        for (const act of ['linear', 'relu'] as const) {
          const y = referenceBackend.depthwiseConv2d(x, w, info, bias, act);
          expect(y.some((v) => !Number.isFinite(v))).toBe(true);
          expectAgree(wasmBackend.depthwiseConv2d(x, w, info, bias, act), y);
          const want = referenceBackend.depthwiseConv2dBackward(x, w, dy, y, info, all, act);
          const got = wasmBackend.depthwiseConv2dBackward(x, w, dy, y, info, all, act);
          for (const key of ['dx', 'dw', 'db'] as const) expectAgree(got[key] as Float32Array, want[key] as Float32Array);
        }
      });
    }
  });

  it('gives zero gradients and an empty output for an empty batch, as the reference', () => {
    const info = makeDepthwiseInfo({ batch: 0, inHeight: 5, inWidth: 4, inChannels: 3, kernelHeight: 3, kernelWidth: 3, padding: 'same' }, 2);
    const w = randomArray(depthwiseFilterSize(info), 'ew');
    expect(wasmBackend.depthwiseConv2d(new Float32Array(0), w, info)).toHaveLength(0);
    const got = wasmBackend.depthwiseConv2dBackward(new Float32Array(0), w, new Float32Array(0), null, info, all, 'linear');
    expectBitIdentical(got.dw as Float32Array, new Float32Array(depthwiseFilterSize(info)));
    expectBitIdentical(got.db as Float32Array, new Float32Array(info.outChannels));
    expect(referenceBackend.depthwiseConv2dBackward(new Float32Array(0), w, new Float32Array(0), null, info, all, 'linear').dw).toEqual(got.dw);
  });
});
