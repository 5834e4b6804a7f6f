import { referenceBackend, wasmBackend, type BinaryKernel } from '../../../src';
import { makeTestRng } from '../../helpers/naive_kernels';
import { randomWithSpecials } from '../../helpers/special_values';
import { expectSameValues, withSettings } from '../../helpers/wasm_setup';

// Sizes at the kernel's threshold, with a scalar tail, and big enough for the pool (2^17 + 3).
// Values include NaN, +-Infinity, -0, denormals, and magnitudes whose products and quotients
// overflow or underflow float32: the f32 operation must round as the reference's float64 one does.
const SIZES = [4096, 4099, 131_075];
const OPS: BinaryKernel[] = ['add', 'sub', 'mul', 'div'];
const EXTREMES = [NaN, Infinity, -Infinity, -0, 0, 1e-40, -3e-39, 1.4e-45, 3e38, -2.5e38, 1e-30, 7e20];

describe('wasm binary (add, sub, mul, div of same-size arrays, or by one value)', () => {
  it.each(OPS.flatMap((op) => SIZES.map((n) => [op, n] as const)))('%s on %i values is the reference\'s, on 1, 2 and 3 threads', (op, n) => {
    const rng = makeTestRng(`${op}${n}`);
    const a = randomWithSpecials(rng, n, 0.05, EXTREMES, 1e6);
    const b = randomWithSpecials(rng, n, 0.05, EXTREMES, 1e-3);
    const scalar = Float32Array.of(-3.7e-5);
    const want = referenceBackend.binary(op, a, [n], b, [n], [n]);
    const wantScalar = referenceBackend.binary(op, a, [n], scalar, [], [n]);
    for (const threads of [1, 2, 3]) {
      withSettings('wasmsimd', threads, () => {
        expectSameValues(wasmBackend.binary(op, a, [n], b, [n], [n]), want);
        expectSameValues(wasmBackend.binary(op, a, [n], scalar, [], [n]), wantScalar);
      });
    }
  });

  it('leaves broadcasts and other ops to the reference, with the same results', () => {
    const rng = makeTestRng('bc');
    const a = randomWithSpecials(rng, 8192, 0.01);
    const row = randomWithSpecials(rng, 64, 0);
    expectSameValues(wasmBackend.binary('mul', a, [128, 64], row, [64], [128, 64]), referenceBackend.binary('mul', a, [128, 64], row, [64], [128, 64]));
    const r = a.slice().reverse();
    expectSameValues(wasmBackend.binary('maximum', a, [8192], r, [8192], [8192]), referenceBackend.binary('maximum', a, [8192], r, [8192], [8192]));
  });
});
