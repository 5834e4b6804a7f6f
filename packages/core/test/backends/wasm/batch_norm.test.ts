import { referenceBackend, wasmBackend } from '../../../src';
import { VARIANTS, expectBitIdentical, randomArray, withSettings } from '../../helpers/wasm_setup';

// Channels 1 and 3 (scalar tail only), 7 and 33 (vectors + tail), 64 (whole vectors); odd row
// counts; the last three cases are large enough (>= 2^17 values) to run on the worker pool, in
// several chunks of rows (the last 32, the most there are), the last chunk short.
const CASES: Array<[number, number]> = [[1, 9], [3, 17], [7, 31], [33, 5], [64, 13], [64, 2049], [33, 4001], [16, 40001]];

describe.each(VARIANTS)('wasm batch norm (%s)', (variant) => {
  it.each(CASES)('forward and backward are bit-identical to the reference on 1, 2 and 3 threads: %i channels, %i rows', (c, rows) => {
    const x = randomArray(rows * c, `x${c}-${rows}`).map((v) => 3 * v + 1);
    const dy = randomArray(rows * c, `dy${c}-${rows}`);
    const gamma = randomArray(c, `g${c}`).map((v) => v + 1.5);
    const beta = randomArray(c, `b${c}`);
    const want = referenceBackend.batchNormForward(x, gamma, beta, c, 1e-3);
    const wantGrads = referenceBackend.batchNormBackward(x, dy, want.mean, want.invStd, gamma, c);
    for (const threads of [1, 2, 3]) {
      withSettings(variant, threads, () => {
        const got = wasmBackend.batchNormForward(x, gamma, beta, c, 1e-3);
        for (const key of ['y', 'mean', 'variance', 'invStd'] as const) expectBitIdentical(got[key], want[key]);
        const grads = wasmBackend.batchNormBackward(x, dy, got.mean, got.invStd, gamma, c);
        for (const key of ['dx', 'dGamma', 'dBeta'] as const) expectBitIdentical(grads[key], wantGrads[key]);
      });
    }
  });

  it.each(CASES)('inference form (per-channel affine) is bit-identical to the reference on 1, 2 and 3 threads: %i channels, %i rows', (c, rows) => {
    const x = randomArray(rows * c, `xi${c}-${rows}`).map((v) => 3 * v + 1);
    const scale = randomArray(c, `s${c}`).map((v) => v + 1.5);
    const shift = randomArray(c, `t${c}`);
    const want = referenceBackend.batchNormInference(x, scale, shift, c);
    // The reference rounds x * scale to float32 before adding shift, as the SIMD kernel does.
    expect(want[c - 1]).toBe(Math.fround(Math.fround(x[c - 1] * scale[c - 1]) + shift[c - 1]));
    for (const threads of [1, 2, 3]) {
      withSettings(variant, threads, () => expectBitIdentical(wasmBackend.batchNormInference(x, scale, shift, c), want));
    }
  });

  it('treats null gamma and beta like the reference', () => {
    const c = 7;
    const x = randomArray(11 * c, 'xn');
    const dy = randomArray(11 * c, 'dyn');
    withSettings(variant, 1, () => {
      const got = wasmBackend.batchNormForward(x, null, null, c, 1e-5);
      const want = referenceBackend.batchNormForward(x, null, null, c, 1e-5);
      expectBitIdentical(got.y, want.y);
      const grads = wasmBackend.batchNormBackward(x, dy, got.mean, got.invStd, null, c);
      expectBitIdentical(grads.dx, referenceBackend.batchNormBackward(x, dy, want.mean, want.invStd, null, c).dx);
    });
  });
});
