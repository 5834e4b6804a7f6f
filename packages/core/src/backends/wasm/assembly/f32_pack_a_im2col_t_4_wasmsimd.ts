// Implicit transposed im2col for the conv filter gradient: A row i is (kh, kw, channel), column p
// is output pixel (n, y, x); A[i, p] = x[n, sy, sx, channel] (0 in the padding).
// A panel of 4 rows inside one tap is 4 adjacent channels of one pixel: one vector load per k.
import {
  J_A_PTR, J_GRID_H, J_GRID_W, J_KW, J_SRC_C, J_SRC_H, J_SRC_W, J_X_ADD, J_X_MUL, J_X_TAP, J_Y_ADD, J_Y_MUL, J_Y_TAP,
} from '../job_layout';
import { i32At, ptrAt, u32At } from './job';

/** Packs rows [i0, i0 + rows) (the first `valid` exist), columns [p0, p0 + kc). */
export function packAIm2colT(job: usize, i0: u32, rows: u32, valid: u32, p0: u32, kc: u32, dst: usize): void {
  const sc = u32At(job, J_SRC_C);
  for (let r: u32 = 0; r < rows; r += 4) {
    const i = i0 + r;
    const d = dst + ((<usize>(r >> 2) * kc) << 4);
    if (r + 4 <= valid && (i % sc) + 4 <= sc) {
      walkPixels(job, i, p0, kc, d, true);
    } else {
      for (let q: u32 = 0; q < 4; q++) {
        if (r + q < valid) walkPixels(job, i + q, p0, kc, d + (<usize>q << 2), false);
        else for (let p: u32 = 0; p < kc; p++) store<f32>(d + (<usize>q << 2) + (<usize>p << 4), 0);
      }
    }
  }
}

/** Fills one panel column (row i, a float every 16 bytes) or, with `vector`, rows i..i+3 (same tap) at once. */
function walkPixels(job: usize, i: u32, p0: u32, kc: u32, d: usize, vector: bool): void {
  const gh = u32At(job, J_GRID_H), gw = u32At(job, J_GRID_W);
  const sh = i32At(job, J_SRC_H), sw = i32At(job, J_SRC_W), sc = u32At(job, J_SRC_C), kw = u32At(job, J_KW);
  const tap = i / sc;
  const yMul = i32At(job, J_Y_MUL), yOff = i32At(job, J_Y_ADD) + <i32>(tap / kw) * i32At(job, J_Y_TAP);
  const xMul = i32At(job, J_X_MUL), xOff = i32At(job, J_X_ADD) + <i32>(tap % kw) * i32At(job, J_X_TAP);
  const scBytes = <usize>sc << 2;
  const src = ptrAt(job, J_A_PTR) + (<usize>(i % sc) << 2);
  const imageBytes = <usize>sh * sw * scBytes;
  let x = <i32>(p0 % gw), y = <i32>((p0 / gw) % gh);
  let image = src + <usize>(p0 / (gw * gh)) * imageBytes;
  let sy = y * yMul + yOff;
  let rowOk = <u32>sy < <u32>sh;
  let row = image + <usize>sy * sw * scBytes;
  for (let q: u32 = 0; q < kc; q++) {
    const sx = x * xMul + xOff;
    const ok = rowOk && <u32>sx < <u32>sw;
    const s = row + <usize>sx * scBytes;
    if (vector) v128.store(d, ok ? v128.load(s) : f32x4.splat(0));
    else store<f32>(d, ok ? load<f32>(s) : 0);
    d += 16;
    if (++x == <i32>gw) {
      x = 0;
      if (++y == <i32>gh) {
        y = 0;
        image += imageBytes;
      }
      sy = y * yMul + yOff;
      rowOk = <u32>sy < <u32>sh;
      row = image + <usize>sy * sw * scBytes;
    }
  }
}
