import { referenceBackend, wasmBackend, type Conv2dInfo } from '../../../src';
import type { Conv2dGrads, ConvGradsNeeded, FusedActivation } from '../../../src/backends/backend';
import { conv2dFilterSize, conv2dInputSize, conv2dOutputSize, expectAllClose, makeConv2dInfo } from '../../helpers/naive_kernels';
import { VARIANTS, expectBitIdentical, randomArray, withSettings } from '../../helpers/wasm_setup';

const conv = (
  batch: number, size: number, inChannels: number, outChannels: number, kernel: number, rest: { strides?: number; padding?: 'valid' | 'same' } = {},
): Conv2dInfo => makeConv2dInfo({
  batch, inHeight: size, inWidth: size + 2, inChannels, outChannels, kernelHeight: kernel, kernelWidth: kernel, padding: 'valid', ...rest,
});

// Output channels 1, 3, 7, 33, 23, 64 (mask / bias tails, vectors, whole cache lines), odd pixel
// counts; the sixth case has >= 2^17 outputs, so the mask pass runs on the worker pool too, its
// bias sums in 20 chunks of rows. Filters of up to 27 rows (kh * kw * inC) take the direct filter gradient
// (conv2d_filter_grad_direct.test.ts); the last two cases, 36 and 45 rows, the packed GEMM, the
// last one on the pool.
const CASES: Array<[string, Conv2dInfo]> = [
  ['1 out channel', conv(1, 5, 3, 1, 3)],
  ['3 out, stride 2 same', conv(3, 7, 2, 3, 3, { strides: 2, padding: 'same' })],
  ['7 out, 1x1', conv(1, 9, 5, 7, 1)],
  ['33 out', conv(2, 6, 4, 33, 2)],
  ['23 out (a cache line, a vector and a tail of channels)', conv(3, 9, 2, 23, 2)],
  ['64 out, parallel', conv(5, 31, 3, 64, 3, { padding: 'same' })],
  ['36 filter rows', conv(2, 6, 4, 7, 3)],
  ['45 filter rows, parallel GEMM', conv(8, 40, 5, 7, 3, { padding: 'same' })],
];
const ALL: ConvGradsNeeded = { input: true, filter: true, bias: true };

function data(info: Conv2dInfo, name: string) {
  return {
    x: randomArray(conv2dInputSize(info), `x${name}`),
    w: randomArray(conv2dFilterSize(info), `w${name}`),
    dy: randomArray(conv2dOutputSize(info), `dy${name}`),
    y: randomArray(conv2dOutputSize(info), `y${name}`).map((v, i) => (i % 5 === 0 ? 0 : v)), // zeros: masked too
  };
}

function expectGradsClose(got: Conv2dGrads, want: Conv2dGrads): void {
  for (const key of ['dx', 'dw'] as const) {
    if (want[key] === null) expect(got[key]).toBeNull();
    else expectAllClose(got[key] as Float32Array, want[key] as Float32Array);
  }
  // The bias sums are float64 in row order on both backends: the same bits.
  if (want.db === null) expect(got.db).toBeNull();
  else expectBitIdentical(got.db as Float32Array, want.db);
}

describe.each(VARIANTS)('wasm conv2dBackward (%s)', (variant) => {
  it.each(CASES)('matches the reference with relu and linear, all gradients: %s', (name, info) => {
    const { x, w, dy, y } = data(info, name);
    withSettings(variant, 2, () => {
      for (const activation of ['relu', 'linear'] as FusedActivation[]) {
        const out = activation === 'relu' ? y : null;
        expectGradsClose(wasmBackend.conv2dBackward(x, w, dy, out, info, ALL, activation),
          referenceBackend.conv2dBackward(x, w, dy, out, info, ALL, activation));
      }
    });
  });

  it.each([
    { input: true, filter: false, bias: false }, { input: false, filter: true, bias: false }, { input: false, filter: false, bias: true },
  ])('computes only what is needed: %o', (need) => {
    const info = CASES[3][1];
    const { x, w, dy, y } = data(info, 'need');
    withSettings(variant, 1, () => {
      expectGradsClose(wasmBackend.conv2dBackward(x, w, dy, y, info, need, 'relu'), referenceBackend.conv2dBackward(x, w, dy, y, info, need, 'relu'));
    });
  });

  it('does not modify dy (it is masked in the heap copy)', () => {
    const info = CASES[1][1];
    const { x, w, dy, y } = data(info, 'pure');
    const before = dy.slice();
    withSettings(variant, 1, () => wasmBackend.conv2dBackward(x, w, dy, y, info, ALL, 'relu'));
    expectBitIdentical(dy, before);
  });

  it.each([
    ['direct filter gradient (9 rows)', 1, 8],
    ['packed GEMM (36 rows)', 4, 7],
    ['Winograd', 16, 16],
  ])('gives zero gradients for an empty batch, as the reference: %s', (_name, inChannels, outChannels) => {
    const info = makeConv2dInfo({ batch: 0, inHeight: 6, inWidth: 5, inChannels, outChannels, kernelHeight: 3, kernelWidth: 3, padding: 'same' });
    const w = randomArray(conv2dFilterSize(info), 'ew');
    const empty = new Float32Array(0);
    const got = withSettings(variant, 2, () => wasmBackend.conv2dBackward(empty, w, empty, null, info, ALL, 'linear'));
    const want = referenceBackend.conv2dBackward(empty, w, empty, null, info, ALL, 'linear');
    expectBitIdentical(got.dw as Float32Array, new Float32Array(conv2dFilterSize(info)));
    expectBitIdentical(got.dw as Float32Array, want.dw as Float32Array);
    expectBitIdentical(got.db as Float32Array, new Float32Array(outChannels));
    expect(got.dx).toHaveLength(0);
  });

  it('is bit-identical on 1, 2 and 3 threads', () => {
    const info = CASES[5][1];
    const { x, w, dy, y } = data(info, 'threads');
    const one = withSettings(variant, 1, () => wasmBackend.conv2dBackward(x, w, dy, y, info, ALL, 'relu'));
    for (const threads of [2, 3]) {
      const got = withSettings(variant, threads, () => wasmBackend.conv2dBackward(x, w, dy, y, info, ALL, 'relu'));
      for (const key of ['dx', 'dw', 'db'] as const) expectBitIdentical(got[key] as Float32Array, one[key] as Float32Array);
    }
  });
});
