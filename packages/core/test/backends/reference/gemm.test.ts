import { ShapeError } from '../../../src/errors';
import { gemmBlocking, gemmInto, matMul } from '../../../src/backends/reference/gemm';
import { expectAllClose, makeTestRng, naiveMatMul, randomFloats } from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-gemm');
const SIZES = [1, 3, 7, 17, 33, 65, 130];
const TRANSPOSES: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];

/** Runs matMul and the oracle on the same random operands and compares. */
function check(
  batch: number, m: number, n: number, k: number, transA: boolean, transB: boolean,
  opts: { sharedB?: boolean; bias?: boolean; activation?: 'linear' | 'relu' } = {},
): void {
  const a = randomFloats(rng, batch * m * k);
  const b = randomFloats(rng, (opts.sharedB ? 1 : batch) * k * n);
  const bias = opts.bias ? randomFloats(rng, n) : null;
  const got = matMul(a, b, batch, m, n, k, transA, transB, bias, opts.activation);
  expectAllClose(got, naiveMatMul(a, b, batch, m, n, k, transA, transB, bias, opts.activation));
}

describe('reference matMul', () => {
  describe.each(TRANSPOSES)('transA=%s transB=%s', (transA, transB) => {
    it.each(SIZES)('square %i', (s) => check(1, s, s, s, transA, transB));

    // Each size in each role, paired with different sizes so no dimension lines up with a tile.
    it.each(SIZES.map((s, i) => [s, SIZES[(i + 2) % 7], SIZES[(i + 4) % 7]]))(
      'm=%i n=%i k=%i', (m, n, k) => check(1, m, n, k, transA, transB),
    );

    it('batch of 3 with one B per entry', () => check(3, 17, 33, 7, transA, transB));
    it('batch of 4 sharing one B', () => check(4, 9, 13, 21, transA, transB, { sharedB: true }));
  });

  it('crosses every block boundary (m > mc, n > nc, k > 2 kc)', () => {
    const { mc, nc, kc } = gemmBlocking;
    check(1, mc + 5, 11, 2 * kc + 3, false, false, { bias: true, activation: 'relu' });
    check(1, 5, nc + 7, kc + 1, false, true, { bias: true, activation: 'relu' });
    check(2, 2 * mc + 1, 13, kc + 1, true, true, { bias: true });
  });

  describe('fused epilogue', () => {
    it('adds bias per column', () => check(2, 33, 17, 65, false, false, { bias: true }));
    it('applies relu without bias', () => check(1, 33, 17, 65, false, true, { activation: 'relu' }));
    it('applies bias then relu, shared B', () => check(3, 7, 130, 33, false, false, { sharedB: true, bias: true, activation: 'relu' }));
    it('applies relu once, to the full sum, when k spans several blocks', () => {
      // Per-block relu would clip negative partial sums; this case has plenty of them.
      check(1, 17, 19, 3 * gemmBlocking.kc + 1, true, false, { bias: true, activation: 'relu' });
    });
    it('yields act(bias) when k = 0', () => {
      const bias = new Float32Array([-1, 2, -3]);
      const got = matMul(new Float32Array(0), new Float32Array(0), 2, 2, 3, 0, false, false, bias, 'relu');
      expect(Array.from(got)).toEqual([0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0]);
    });
  });

  it('matches a product worked by hand', () => {
    const a = new Float32Array([1, 2, 3, 4, 5, 6]); // [2, 3]
    const b = new Float32Array([7, 8, 9, 10, 11, 12]); // [3, 2]
    expect(Array.from(matMul(a, b, 1, 2, 2, 3, false, false))).toEqual([58, 64, 139, 154]);
  });

  it('rejects operands of the wrong length, naming the op', () => {
    expect(() => matMul(new Float32Array(5), new Float32Array(6), 1, 2, 2, 3, false, false)).toThrow(ShapeError);
    expect(() => matMul(new Float32Array(12), new Float32Array(7), 2, 2, 2, 3, false, false)).toThrow(/matMul: B/);
    expect(() => matMul(new Float32Array(6), new Float32Array(6), 1, 2, 2, 3, false, false, new Float32Array(3))).toThrow(/bias/);
  });
});

describe('gemmInto', () => {
  it('writes a strided block of a larger C and leaves the rest alone', () => {
    const m = 9, n = 10, k = 11, ldc = 14, offset = 2 * ldc + 3;
    const a = randomFloats(rng, m * k);
    const b = randomFloats(rng, k * n);
    const c = new Float32Array(offset + m * ldc).fill(7);
    gemmInto(m, n, k, { data: a, offset: 0, rowStride: k, colStride: 1 }, { data: b, offset: 0, rowStride: n, colStride: 1 },
      { data: c, offset, rowStride: ldc, colStride: 1 }, false);
    const expected = new Float32Array(c.length).fill(7);
    naiveMatMul(a, b, 1, m, n, k, false, false).forEach((v, idx) => {
      expected[offset + Math.floor(idx / n) * ldc + (idx % n)] = v;
    });
    expectAllClose(c, expected);
  });

  it('accumulates onto C and reads operands at an offset', () => {
    const m = 6, n = 5, k = 300, aOffset = 4, bOffset = 9;
    const a = randomFloats(rng, aOffset + m * k);
    const b = randomFloats(rng, bOffset + k * n);
    const c0 = randomFloats(rng, m * n);
    const c = Float32Array.from(c0);
    const bias = randomFloats(rng, n);
    gemmInto(m, n, k, { data: a, offset: aOffset, rowStride: k, colStride: 1 },
      { data: b, offset: bOffset, rowStride: 1, colStride: k }, { data: c, offset: 0, rowStride: n, colStride: 1 },
      true, bias, 'relu');
    const product = naiveMatMul(a.subarray(aOffset), b.subarray(bOffset), 1, m, n, k, false, true);
    expectAllClose(c, product.map((v, idx) => Math.max(0, v + c0[idx] + bias[idx % n])));
  });

  it('writes a transposed C through its strides', () => {
    const m = 5, n = 7, k = 6;
    const a = randomFloats(rng, m * k);
    const b = randomFloats(rng, k * n);
    const cT = new Float32Array(n * m);
    gemmInto(m, n, k, { data: a, offset: 0, rowStride: k, colStride: 1 }, { data: b, offset: 0, rowStride: n, colStride: 1 },
      { data: cT, offset: 0, rowStride: 1, colStride: m }, false);
    const c = naiveMatMul(a, b, 1, m, n, k, false, false);
    expectAllClose(cT, c.map((_v, idx) => c[(idx % m) * n + Math.floor(idx / m)]));
  });
});
