// 4x4 transpose of f32 lanes: turns four rows of A (4 consecutive k each) into four [4]-row
// slices of a packed panel, so packing moves whole vectors instead of single floats.

/** Stores the transpose of rows r0..r3 as four consecutive v128 at dst. */
@inline export function storeTransposed4x4(dst: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5); // a0 b0 a1 b1
  const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7); // a2 b2 a3 b3
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5); // c0 d0 c1 d1
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7); // c2 d2 c3 d3
  v128.store(dst, v128.shuffle<f64>(t0, t2, 0, 2));
  v128.store(dst, v128.shuffle<f64>(t0, t2, 1, 3), 16);
  v128.store(dst, v128.shuffle<f64>(t1, t3, 0, 2), 32);
  v128.store(dst, v128.shuffle<f64>(t1, t3, 1, 3), 48);
}
