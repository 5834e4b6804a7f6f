// Winograd F(4x4, 3x3) tile transforms, 4 channels per f32x4 (Lavin & Gray 2015, points 0, +-1,
// +-2, +-1/2, inf). A 6x6 input tile d and a 3x3 filter g give the 4x4 output
// A^T [(G g G^T) . (B^T d B)] A: 36 multiplies per output channel and input channel instead of 144.
// Each 2D transform is a 1D transform down the columns into `tmp`, then along the rows; every
// function reads and writes vectors in memory (L1-resident scratch), so one formula serves
// every stride. Transform point t = 6 * row + column.

// ---- 1D transforms ----

/** B^T (6x6) applied to 6 vectors at src + i * ss, stored at dst + i * ds. */
@inline function inputTransform6(src: usize, ss: usize, dst: usize, ds: usize): void {
  const d0 = v128.load(src), d1 = v128.load(src + ss), d2 = v128.load(src + 2 * ss);
  const d3 = v128.load(src + 3 * ss), d4 = v128.load(src + 4 * ss), d5 = v128.load(src + 5 * ss);
  const four = f32x4.splat(4), five = f32x4.splat(5), two = f32x4.splat(2);
  // o1, o2 = d4 + d3 -+ 4 (d1 + d2 ...) ; o3, o4 = (d4 - d2) -+ 2 (d1 - d3)
  const a = f32x4.sub(d4, f32x4.mul(four, d2)); // d4 - 4 d2
  const b = f32x4.sub(d3, f32x4.mul(four, d1)); // d3 - 4 d1
  const c = f32x4.sub(d4, d2);
  const e = f32x4.mul(two, f32x4.sub(d3, d1)); // 2 (d3 - d1)
  v128.store(dst, f32x4.add(f32x4.sub(f32x4.mul(four, d0), f32x4.mul(five, d2)), d4));
  v128.store(dst + ds, f32x4.add(a, b));
  v128.store(dst + 2 * ds, f32x4.sub(a, b));
  v128.store(dst + 3 * ds, f32x4.add(c, e));
  v128.store(dst + 4 * ds, f32x4.sub(c, e));
  v128.store(dst + 5 * ds, f32x4.add(f32x4.sub(f32x4.mul(four, d1), f32x4.mul(five, d3)), d5));
}

/** A^T (4x6) applied to 6 vectors at src + i * ss, 4 stored at dst + i * ds. */
@inline function outputTransform6(src: usize, ss: usize, dst: usize, ds: usize): void {
  const m0 = v128.load(src), m1 = v128.load(src + ss), m2 = v128.load(src + 2 * ss);
  const m3 = v128.load(src + 3 * ss), m4 = v128.load(src + 4 * ss), m5 = v128.load(src + 5 * ss);
  const s12 = f32x4.add(m1, m2), d12 = f32x4.sub(m1, m2);
  const s34 = f32x4.add(m3, m4), d34 = f32x4.sub(m3, m4);
  v128.store(dst, f32x4.add(f32x4.add(m0, s12), s34));
  v128.store(dst + ds, f32x4.add(d12, f32x4.mul(f32x4.splat(2), d34)));
  v128.store(dst + 2 * ds, f32x4.add(s12, f32x4.mul(f32x4.splat(4), s34)));
  v128.store(dst + 3 * ds, f32x4.add(f32x4.add(d12, f32x4.mul(f32x4.splat(8), d34)), m5));
}

/** G (6x3) applied to 3 vectors at src + i * ss, 6 stored at dst + i * ds. */
@inline function filterTransform3(src: usize, ss: usize, dst: usize, ds: usize): void {
  const g0 = v128.load(src), g1 = v128.load(src + ss), g2 = v128.load(src + 2 * ss);
  const s02 = f32x4.add(g0, g2);
  const p = f32x4.add(f32x4.mul(f32x4.splat(<f32>(1.0 / 24)), g0), f32x4.mul(f32x4.splat(<f32>(1.0 / 6)), g2));
  const q = f32x4.mul(f32x4.splat(<f32>(1.0 / 12)), g1);
  const sixth = f32x4.splat(<f32>(-1.0 / 6));
  v128.store(dst, f32x4.mul(f32x4.splat(0.25), g0));
  v128.store(dst + ds, f32x4.mul(sixth, f32x4.add(s02, g1)));
  v128.store(dst + 2 * ds, f32x4.mul(sixth, f32x4.sub(s02, g1)));
  v128.store(dst + 3 * ds, f32x4.add(p, q));
  v128.store(dst + 4 * ds, f32x4.sub(p, q));
  v128.store(dst + 5 * ds, g2);
}

/** A (6x4), the transpose of A^T: 4 vectors at src + i * ss, 6 stored at dst + i * ds (the output gradient's transform). */
@inline function outputGradTransform4(src: usize, ss: usize, dst: usize, ds: usize): void {
  const y0 = v128.load(src), y1 = v128.load(src + ss), y2 = v128.load(src + 2 * ss), y3 = v128.load(src + 3 * ss);
  const s02 = f32x4.add(y0, y2), s13 = f32x4.add(y1, y3);
  const p = f32x4.add(y0, f32x4.mul(f32x4.splat(4), y2)), q = f32x4.add(f32x4.mul(f32x4.splat(2), y1), f32x4.mul(f32x4.splat(8), y3));
  v128.store(dst, y0);
  v128.store(dst + ds, f32x4.add(s02, s13));
  v128.store(dst + 2 * ds, f32x4.sub(s02, s13));
  v128.store(dst + 3 * ds, f32x4.add(p, q));
  v128.store(dst + 4 * ds, f32x4.sub(p, q));
  v128.store(dst + 5 * ds, y3);
}

/** G^T (3x6), the filter gradient's transform: 6 vectors at src + i * ss, 3 stored at dst + i * ds. */
@inline function filterGradTransform6(src: usize, ss: usize, dst: usize, ds: usize): void {
  const u0 = v128.load(src), u1 = v128.load(src + ss), u2 = v128.load(src + 2 * ss);
  const u3 = v128.load(src + 3 * ss), u4 = v128.load(src + 4 * ss), u5 = v128.load(src + 5 * ss);
  const s12 = f32x4.add(u1, u2), s34 = f32x4.add(u3, u4);
  const sixth = f32x4.splat(<f32>(1.0 / 6));
  v128.store(dst, f32x4.add(f32x4.sub(f32x4.mul(f32x4.splat(0.25), u0), f32x4.mul(sixth, s12)), f32x4.mul(f32x4.splat(<f32>(1.0 / 24)), s34)));
  v128.store(dst + ds, f32x4.add(f32x4.mul(sixth, f32x4.sub(u2, u1)), f32x4.mul(f32x4.splat(<f32>(1.0 / 12)), f32x4.sub(u3, u4))));
  v128.store(dst + 2 * ds, f32x4.add(f32x4.mul(sixth, f32x4.sub(s34, s12)), u5));
}

// ---- 2D tile transforms ----

/**
 * B^T d B of the 6x6 input tile whose row r, column c vector is at src + r * rs + c * cs; the 36
 * results go to out + t * os. `tmp` holds 36 vectors.
 */
export function f32_winograd_4x4_3x3_input_wasmsimd(src: usize, rs: usize, cs: usize, tmp: usize, out: usize, os: usize): void {
  for (let c: usize = 0; c < 6; c++) inputTransform6(src + c * cs, rs, tmp + (c << 4), 96);
  for (let r: usize = 0; r < 6; r++) inputTransform6(tmp + r * 96, 16, out + 6 * r * os, os);
}

/**
 * A^T m A of the 36 vectors at src + t * ss: the 4x4 output tile, row r column c stored at
 * out + (4 r + c) * 16. `tmp` holds 24 vectors.
 */
export function f32_winograd_4x4_3x3_output_wasmsimd(src: usize, ss: usize, tmp: usize, out: usize): void {
  for (let c: usize = 0; c < 6; c++) outputTransform6(src + c * ss, 6 * ss, tmp + (c << 4), 96);
  for (let r: usize = 0; r < 4; r++) outputTransform6(tmp + r * 96, 16, out + (r << 6), 16);
}

/**
 * G g G^T of the 3x3 filter tap vectors at src + (3 a + b) * 16: the 36 results go to out + t * os.
 * `tmp` holds 18 vectors.
 */
export function f32_winograd_4x4_3x3_filter_wasmsimd(src: usize, tmp: usize, out: usize, os: usize): void {
  for (let b: usize = 0; b < 3; b++) filterTransform3(src + (b << 4), 48, tmp + (b << 4), 48);
  for (let r: usize = 0; r < 6; r++) filterTransform3(tmp + r * 48, 16, out + 6 * r * os, os);
}

/**
 * A dy A^T of the 4x4 output-gradient tile whose row r, column c vector is at src + r * rs + c * cs:
 * the 36 results go to out + t * os. `tmp` holds 24 vectors.
 */
export function f32_winograd_4x4_3x3_output_grad_wasmsimd(src: usize, rs: usize, cs: usize, tmp: usize, out: usize, os: usize): void {
  for (let c: usize = 0; c < 4; c++) outputGradTransform4(src + c * cs, rs, tmp + (c << 4), 64);
  for (let r: usize = 0; r < 6; r++) outputGradTransform4(tmp + (r << 6), 16, out + 6 * r * os, os);
}

/**
 * G^T du G of the 36 vectors at src + t * ss: the 3x3 filter gradient, tap (a, b) stored at
 * out + (3 a + b) * os. `tmp` holds 18 vectors.
 */
export function f32_winograd_4x4_3x3_filter_grad_wasmsimd(src: usize, ss: usize, tmp: usize, out: usize, os: usize): void {
  for (let c: usize = 0; c < 6; c++) filterGradTransform6(src + c * ss, 6 * ss, tmp + (c << 4), 96);
  for (let r: usize = 0; r < 3; r++) filterGradTransform6(tmp + r * 96, 16, out + 3 * r * os, os);
}
