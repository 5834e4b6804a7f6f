import { referenceBackend, wasmBackend } from '../../../src';
import { expectBitIdentical, randomArray, withSettings, VARIANTS } from '../../helpers/wasm_setup';

function expectSameAsReference(x: Float32Array, n: number, gamma: Float32Array | null, beta: Float32Array | null, dy: Float32Array): void {
  const want = referenceBackend.layerNormForward(x, gamma, beta, n, 1e-3);
  const got = wasmBackend.layerNormForward(x, gamma, beta, n, 1e-3);
  expectBitIdentical(got.y, want.y);
  expectBitIdentical(got.mean, want.mean);
  expectBitIdentical(got.invStd, want.invStd);
  const wantG = referenceBackend.layerNormBackward(x, dy, want.mean, want.invStd, gamma, n);
  const gotG = wasmBackend.layerNormBackward(x, dy, want.mean, want.invStd, gamma, n);
  expectBitIdentical(gotG.dx, wantG.dx);
  expectBitIdentical(gotG.dGamma, wantG.dGamma);
  expectBitIdentical(gotG.dBeta, wantG.dBeta);
}

describe('wasm layerNorm', () => {
  it.each([[5, 1], [3, 3], [4, 4], [6, 7], [2, 13], [3, 64], [2, 130]])('%i rows x %i features: the reference\'s bits, with and without gamma / beta', (rows, n) => {
    const x = randomArray(rows * n, `ln ${rows} ${n}`), dy = randomArray(rows * n, `ln dy ${rows} ${n}`);
    expectSameAsReference(x, n, randomArray(n, 'gamma'), randomArray(n, 'beta'), dy);
    expectSameAsReference(x, n, null, null, dy);
  });

  it('NaN and Infinity: the reference\'s bits (a non-finite value makes its whole row NaN, as TensorFlow)', () => {
    const n = 9;
    const x = randomArray(4 * n, 'ln special');
    [x[2], x[n + 5], x[2 * n + 8]] = [NaN, Infinity, -Infinity];
    const dy = randomArray(4 * n, 'ln special dy');
    dy[3 * n + 1] = Infinity;
    expectSameAsReference(x, n, randomArray(n, 'g'), randomArray(n, 'b'), dy);
    const y = wasmBackend.layerNormForward(x, null, null, n, 1e-3).y;
    expect(Array.from(y.subarray(0, 3 * n)).every(Number.isNaN)).toBe(true);
    expect(Array.from(y.subarray(3 * n)).every(Number.isFinite)).toBe(true);
  });

  it('gives the same bits on 1, 2 and 3 threads (above the parallel threshold, odd sizes)', () => {
    const rows = 1031, n = 131;
    const x = randomArray(rows * n, 'big'), dy = randomArray(rows * n, 'big dy');
    const gamma = randomArray(n, 'big g'), beta = randomArray(n, 'big b');
    const want = referenceBackend.layerNormForward(x, gamma, beta, n, 1e-3);
    const wantG = referenceBackend.layerNormBackward(x, dy, want.mean, want.invStd, gamma, n);
    for (const threads of [1, 2, 3]) {
      withSettings(VARIANTS[0], threads, () => {
        const got = wasmBackend.layerNormForward(x, gamma, beta, n, 1e-3);
        expectBitIdentical(got.y, want.y);
        const g = wasmBackend.layerNormBackward(x, dy, want.mean, want.invStd, gamma, n);
        expectBitIdentical(g.dx, wantG.dx);
        expectBitIdentical(g.dGamma, wantG.dGamma);
        expectBitIdentical(g.dBeta, wantG.dBeta);
      });
    }
  });
});
