// f32 GEMM micro-kernel, 4x8 tile, WebAssembly SIMD. One source, two builds (scripts/prebuild.mjs):
// the plain build multiplies then adds; the relaxed-SIMD build (ASC_FEATURE_RELAXED_SIMD) fuses
// them with f32x4.relaxed_madd. Each build is deterministic, so every thread count gives the same bits.
// C[4x8] (+)= A[kc][4] * B[kc][8] from packed panels; 8 f32x4 accumulators, A splatted per row.
// Tile choice measured on the team machine (Node 20, L1-resident panels, 1 thread): 4x8 ~46 GFLOP/s
// with FMA (38 with mul + add); 5x8, 6x8 and 3x12 spill registers on x86-64 (16 xmm) and drop to 22-27.
import { EPILOGUE_ACCUMULATE, EPILOGUE_BIAS, EPILOGUE_RELU } from '../job_layout';

/** c + a * b: fused in the relaxed-SIMD build. */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

export function f32_gemm_4x8_wasmsimd(kc: i32, a: usize, b: usize, c: usize, ldc: usize, flags: i32, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(a, 4);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(a, 8);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(a, 12);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    a += 16;
    b += 32;
  }
  finishTile4x8(c, ldc, flags, bias, 4, c00, c01, c10, c11, c20, c21, c30, c31);
}

/**
 * The tile's epilogue, shared by the micro-kernels: add C's partial sums of earlier kc blocks
 * (after this block's sum: the order is fixed by the kc blocking alone, so every thread count
 * produces the same bits), then bias and relu on the last block, and store the first `rows` rows.
 */
@inline export function finishTile4x8(
  c: usize, ldc: usize, flags: i32, bias: usize, rows: i32,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128,
): void {
  if (flags & EPILOGUE_ACCUMULATE) {
    c00 = f32x4.add(v128.load(c), c00); c01 = f32x4.add(v128.load(c, 16), c01);
    if (rows > 1) { c10 = f32x4.add(v128.load(c + ldc), c10); c11 = f32x4.add(v128.load(c + ldc, 16), c11); }
    if (rows > 2) { c20 = f32x4.add(v128.load(c + 2 * ldc), c20); c21 = f32x4.add(v128.load(c + 2 * ldc, 16), c21); }
    if (rows > 3) { c30 = f32x4.add(v128.load(c + 3 * ldc), c30); c31 = f32x4.add(v128.load(c + 3 * ldc, 16), c31); }
  }
  if (flags & EPILOGUE_BIAS) {
    const bias0 = v128.load(bias), bias1 = v128.load(bias, 16);
    c00 = f32x4.add(c00, bias0); c01 = f32x4.add(c01, bias1);
    c10 = f32x4.add(c10, bias0); c11 = f32x4.add(c11, bias1);
    c20 = f32x4.add(c20, bias0); c21 = f32x4.add(c21, bias1);
    c30 = f32x4.add(c30, bias0); c31 = f32x4.add(c31, bias1);
  }
  if (flags & EPILOGUE_RELU) {
    // pmax(v, 0) = v < 0 ? 0 : v: NaN stays NaN, as TensorFlow's relu.
    const z = f32x4.splat(0);
    c00 = f32x4.pmax(c00, z); c01 = f32x4.pmax(c01, z);
    c10 = f32x4.pmax(c10, z); c11 = f32x4.pmax(c11, z);
    c20 = f32x4.pmax(c20, z); c21 = f32x4.pmax(c21, z);
    c30 = f32x4.pmax(c30, z); c31 = f32x4.pmax(c31, z);
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  if (rows > 1) { c += ldc; v128.store(c, c10); v128.store(c, c11, 16); }
  if (rows > 2) { c += ldc; v128.store(c, c20); v128.store(c, c21, 16); }
  if (rows > 3) { c += ldc; v128.store(c, c30); v128.store(c, c31, 16); }
}
