// Packs a block of a strided A (A[i, p] = src[i * rs + p * cs]) into [kc][4] row panels.
import { storeTransposed4x4 } from './transpose_4x4';

/** Packs rows [i0, i0 + rows) of which the first `valid` exist (the rest are zero), columns [p0, p0 + kc). */
export function packAStrided(src: usize, rs: u32, cs: u32, i0: u32, rows: u32, valid: u32, p0: u32, kc: u32, dst: usize): void {
  for (let r: u32 = 0; r < rows; r += 4) {
    const d = dst + ((<usize>(r >> 2) * kc) << 4);
    const live = valid > r ? min<u32>(4, valid - r) : 0;
    const s = src + ((<usize>(i0 + r) * rs + <usize>p0 * cs) << 2);
    if (live == 4 && cs == 1) packRowMajor4(s, <usize>rs << 2, kc, d);
    else if (live == 4 && rs == 1) packColumnMajor4(s, <usize>cs << 2, kc, d);
    else packScalar(s, rs, cs, live, kc, d);
  }
}

/** Four rows, each contiguous in k: 4x4 transposes. */
function packRowMajor4(s: usize, rowBytes: usize, kc: u32, d: usize): void {
  let p: u32 = 0;
  for (; p + 4 <= kc; p += 4) {
    storeTransposed4x4(d, v128.load(s), v128.load(s + rowBytes), v128.load(s + 2 * rowBytes), v128.load(s + 3 * rowBytes));
    s += 16;
    d += 64;
  }
  for (; p < kc; p++) {
    store<f32>(d, load<f32>(s));
    store<f32>(d, load<f32>(s + rowBytes), 4);
    store<f32>(d, load<f32>(s + 2 * rowBytes), 8);
    store<f32>(d, load<f32>(s + 3 * rowBytes), 12);
    s += 4;
    d += 16;
  }
}

/** Four rows adjacent in memory for every k (a transposed A): one vector per k. */
function packColumnMajor4(s: usize, colBytes: usize, kc: u32, d: usize): void {
  for (let p: u32 = 0; p < kc; p++) {
    v128.store(d, v128.load(s));
    s += colBytes;
    d += 16;
  }
}

function packScalar(s: usize, rs: u32, cs: u32, live: u32, kc: u32, d: usize): void {
  for (let p: u32 = 0; p < kc; p++) {
    for (let r: u32 = 0; r < 4; r++) {
      store<f32>(d + (<usize>r << 2), r < live ? load<f32>(s + ((<usize>r * rs + <usize>p * cs) << 2)) : 0);
    }
    d += 16;
  }
}
