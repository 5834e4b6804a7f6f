import { referenceBackend, wasmBackend, type FusedActivation } from '../../../src';
import { expectAllClose } from '../../helpers/naive_kernels';
import { VARIANTS, randomArray, withSettings } from '../../helpers/wasm_setup';

// Sizes straddle the 4x8 tile, the 256-deep K block and the 128-row task block.
const SHAPES: Array<[number, number, number]> = [
  [1, 1, 1], [1, 17, 3], [3, 7, 17], [7, 1, 63], [17, 33, 7], [33, 63, 257], [63, 8, 513], [130, 9, 33], [4, 8, 256],
];
const LAYOUTS: Array<[boolean, boolean]> = [[false, false], [false, true], [true, false], [true, true]];
const CASES = SHAPES.flatMap(([m, n, k]) => LAYOUTS.map(([ta, tb]) => [m, n, k, ta, tb] as const));

interface Product {
  batch: number; m: number; n: number; k: number; transA: boolean; transB: boolean; shareB?: boolean; epilogue?: boolean;
}

function expectMatchesReference(p: Product): void {
  const seed = JSON.stringify(p);
  const a = randomArray(p.batch * p.m * p.k, `a${seed}`);
  const b = randomArray((p.shareB ? 1 : p.batch) * p.k * p.n, `b${seed}`);
  const bias = p.epilogue ? randomArray(p.n, `bias${seed}`) : null;
  const act: FusedActivation = p.epilogue ? 'relu' : 'linear';
  expectAllClose(
    wasmBackend.matMul(a, b, p.batch, p.m, p.n, p.k, p.transA, p.transB, bias, act),
    referenceBackend.matMul(a, b, p.batch, p.m, p.n, p.k, p.transA, p.transB, bias, act),
  );
}

describe.each(VARIANTS)('wasm matMul (%s)', (variant) => {
  it.each(CASES)('m=%i n=%i k=%i transA=%s transB=%s matches the reference', (m, n, k, transA, transB) => {
    withSettings(variant, 2, () => expectMatchesReference({ batch: 1, m, n, k, transA, transB }));
  });

  it('fuses bias and relu, on batches with their own and with a shared B', () => {
    withSettings(variant, 2, () => {
      for (const [m, n, k] of [[5, 9, 19], [33, 17, 300]]) {
        expectMatchesReference({ batch: 3, m, n, k, transA: false, transB: false, epilogue: true });
        expectMatchesReference({ batch: 3, m, n, k, transA: true, transB: true, shareB: true, epilogue: true });
      }
    });
  });

  it('handles empty products, k = 0 (bias only), and large sizes in parallel', () => {
    withSettings(variant, 2, () => {
      expectMatchesReference({ batch: 1, m: 0, n: 5, k: 3, transA: false, transB: false });
      expectMatchesReference({ batch: 2, m: 4, n: 0, k: 3, transA: false, transB: true });
      expectMatchesReference({ batch: 0, m: 4, n: 5, k: 3, transA: false, transB: false });
      expectMatchesReference({ batch: 2, m: 3, n: 5, k: 0, transA: false, transB: false, epilogue: true });
      expectMatchesReference({ batch: 1, m: 200, n: 150, k: 700, transA: false, transB: true, epilogue: true });
    });
  });
});

it('leaves its inputs untouched', () => {
  const a = randomArray(6 * 5, 'ua'), b = randomArray(5 * 7, 'ub');
  const [a0, b0] = [a.slice(), b.slice()];
  wasmBackend.matMul(a, b, 1, 6, 7, 5, false, false);
  expect(a).toEqual(a0);
  expect(b).toEqual(b0);
});

describe.each(VARIANTS)('wasm few-row GEMM, A and B read in place (%s)', (variant) => {
  // m <= 4 rows take the unpacked path; the same rows inside an 8-row product take the packed one.
  // Both sum each element in the same kc blocks and order, so the bits agree.
  it.each([[1, 7, 3], [2, 1024, 2048], [3, 33, 257], [4, 9, 513]])('m = %i, n = %i, k = %i: the packed path\'s bits, bias and relu included', (m, n, k) => {
    const a = randomArray(8 * k, `ra${m}`);
    const b = randomArray(k * n, `rb${n}`);
    const bias = randomArray(n, `rbias${n}`);
    for (const threads of [1, 2, 3]) {
      withSettings(variant, threads, () => {
        const packed = wasmBackend.matMul(a, b, 1, 8, n, k, false, false, bias, 'relu').subarray(0, m * n);
        const rows = wasmBackend.matMul(a.subarray(0, m * k), b, 1, m, n, k, false, false, bias, 'relu');
        expect(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength).equals(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength))).toBe(true);
      });
    }
  });

  it('handles batches with a shared or a per-entry B', () => {
    const [batch, m, n, k] = [3, 2, 19, 40];
    const a = randomArray(batch * m * k, 'rba');
    for (const shareB of [true, false]) {
      const b = randomArray((shareB ? 1 : batch) * k * n, `rbb${shareB}`);
      withSettings(variant, 2, () => expectAllClose(
        wasmBackend.matMul(a, b, batch, m, n, k, false, false), referenceBackend.matMul(a, b, batch, m, n, k, false, false),
      ));
    }
  });
});
