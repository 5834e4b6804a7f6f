// f32 GEMM micro-kernel for a few rows (1-4) of A read in place, row-major, with B read in place,
// row-major (no packing): the batch-1 inference path, where packing B (the whole weight matrix)
// would cost more than the product. Same madd order and epilogue as f32_gemm_4x8_wasmsimd, so
// both give the same bits. C[rows x 8] (+)= A[rows][kc] * B[kc][8]; rows of A `lda` bytes apart,
// rows of B `ldb` bytes apart. Missing rows repeat row 0 and are not stored.
import { finishTile4x8, madd } from './f32_gemm_4x8_wasmsimd';

export function f32_gemm_rows_4x8_wasmsimd(
  kc: i32, a: usize, lda: usize, rows: i32, b: usize, ldb: usize, c: usize, ldc: usize, flags: i32, bias: usize,
): void {
  const a1 = rows > 1 ? a + lda : a, a2 = rows > 2 ? a + 2 * lda : a, a3 = rows > 3 ? a + 3 * lda : a;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const o = <usize>p << 2;
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a + o);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(a1 + o);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(a2 + o);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(a3 + o);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    b += ldb;
  }
  finishTile4x8(c, ldc, flags, bias, rows, c00, c01, c10, c11, c20, c21, c30, c31);
}
