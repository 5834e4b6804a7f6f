// Implicit im2col for conv forward and input gradient: A row i is output pixel (n, y, x) of the
// grid, column p is (kh, kw, channel); A[i, p] = src[n, sy, sx, channel] with the source pixel
// given by the tap (see ../job_layout.ts), or 0 in the padding / between strides.
// Packs 4 pixels at a time: for each tap the 4 channel runs are contiguous in NHWC, so 4 vector
// loads + a 4x4 transpose fill 4 k steps of the panel.
import {
  J_A_PTR, J_GRID_H, J_GRID_W, J_KW, J_SRC_C, J_SRC_H, J_SRC_W, J_X_ADD, J_X_DIV, J_X_MUL, J_X_TAP, J_Y_ADD,
  J_Y_DIV, J_Y_MUL, J_Y_TAP,
} from '../job_layout';
import { i32At, ptrAt, u32At } from './job';
import { storeTransposed4x4 } from './transpose_4x4';

/** Source coordinate of output coordinate o through tap t, or -1 outside the image / between strides. */
@inline export function srcCoord(o: i32, t: i32, mul: i32, add: i32, tap: i32, div: i32, size: i32): i32 {
  let s = o * mul + add + t * tap;
  if (div != 1) {
    if (s < 0) return -1;
    const q = s / div;
    if (q * div != s) return -1;
    s = q;
  }
  return <u32>s < <u32>size ? s : -1;
}

/** Address of channel c of the source pixel of (y, x) through tap (ty, tx), or 0 in the padding. */
@inline function tapAddress(
  base: usize, y: i32, x: i32, ty: i32, tx: i32, yMul: i32, yAdd: i32, yTap: i32, yDiv: i32,
  xMul: i32, xAdd: i32, xTap: i32, xDiv: i32, sh: i32, sw: i32, scBytes: usize, c: u32,
): usize {
  if (y < 0) return 0; // a row past m
  const sy = srcCoord(y, ty, yMul, yAdd, yTap, yDiv, sh);
  const sx = srcCoord(x, tx, xMul, xAdd, xTap, xDiv, sw);
  return sy < 0 || sx < 0 ? 0 : base + (<usize>sy * sw + sx) * scBytes + (<usize>c << 2);
}

/** Packs rows [i0, i0 + rows) (the first `valid` exist), columns [p0, p0 + kc). */
export function packAIm2col(job: usize, i0: u32, rows: u32, valid: u32, p0: u32, kc: u32, dst: usize): void {
  for (let r: u32 = 0; r < rows; r += 4) {
    packPanel(job, i0 + r, valid > r ? min<u32>(4, valid - r) : 0, p0, kc, dst + ((<usize>(r >> 2) * kc) << 4));
  }
}

function packPanel(job: usize, i: u32, live: u32, p0: u32, kc: u32, d: usize): void {
  const gh = u32At(job, J_GRID_H), gw = u32At(job, J_GRID_W);
  const sh = i32At(job, J_SRC_H), sw = i32At(job, J_SRC_W), sc = u32At(job, J_SRC_C), kw = u32At(job, J_KW);
  const yMul = i32At(job, J_Y_MUL), yAdd = i32At(job, J_Y_ADD), yTap = i32At(job, J_Y_TAP), yDiv = i32At(job, J_Y_DIV);
  const xMul = i32At(job, J_X_MUL), xAdd = i32At(job, J_X_ADD), xTap = i32At(job, J_X_TAP), xDiv = i32At(job, J_X_DIV);
  const src = ptrAt(job, J_A_PTR);
  // Per row: output coordinates and image base (locals: the 4 rows live in registers, and
  // static memory would be shared by the threads). Missing rows (past m) get y = -1 and read as zeros.
  const dead = -1;
  const y0 = live > 0 ? <i32>((i / gw) % gh) : dead, x0 = <i32>(i % gw);
  const y1 = live > 1 ? <i32>(((i + 1) / gw) % gh) : dead, x1 = <i32>((i + 1) % gw);
  const y2 = live > 2 ? <i32>(((i + 2) / gw) % gh) : dead, x2 = <i32>((i + 2) % gw);
  const y3 = live > 3 ? <i32>(((i + 3) / gw) % gh) : dead, x3 = <i32>((i + 3) % gw);
  const image = <usize>sh * sw * sc;
  const base0 = src + ((<usize>(i / (gw * gh)) * image) << 2), base1 = src + ((<usize>((i + 1) / (gw * gh)) * image) << 2);
  const base2 = src + ((<usize>((i + 2) / (gw * gh)) * image) << 2), base3 = src + ((<usize>((i + 3) / (gw * gh)) * image) << 2);
  const zero = f32x4.splat(0);
  const scBytes = <usize>sc << 2;
  let p = p0;
  const pEnd = p0 + kc;
  while (p < pEnd) {
    const tap = p / sc, c = p % sc;
    const run = min<u32>(sc - c, pEnd - p);
    const ty = <i32>(tap / kw), tx = <i32>(tap % kw);
    // Address of each row's channel run for this tap, 0 when the tap falls in the padding.
    const s0 = tapAddress(base0, y0, x0, ty, tx, yMul, yAdd, yTap, yDiv, xMul, xAdd, xTap, xDiv, sh, sw, scBytes, c);
    const s1 = tapAddress(base1, y1, x1, ty, tx, yMul, yAdd, yTap, yDiv, xMul, xAdd, xTap, xDiv, sh, sw, scBytes, c);
    const s2 = tapAddress(base2, y2, x2, ty, tx, yMul, yAdd, yTap, yDiv, xMul, xAdd, xTap, xDiv, sh, sw, scBytes, c);
    const s3 = tapAddress(base3, y3, x3, ty, tx, yMul, yAdd, yTap, yDiv, xMul, xAdd, xTap, xDiv, sh, sw, scBytes, c);
    let q: u32 = 0;
    for (; q + 4 <= run; q += 4) {
      const o = <usize>q << 2;
      storeTransposed4x4(d,
        s0 ? v128.load(s0 + o) : zero, s1 ? v128.load(s1 + o) : zero,
        s2 ? v128.load(s2 + o) : zero, s3 ? v128.load(s3 + o) : zero);
      d += 64;
    }
    for (; q < run; q++) {
      const o = <usize>q << 2;
      store<f32>(d, s0 ? load<f32>(s0 + o) : 0);
      store<f32>(d, s1 ? load<f32>(s1 + o) : 0, 4);
      store<f32>(d, s2 ? load<f32>(s2 + o) : 0, 8);
      store<f32>(d, s3 ? load<f32>(s3 + o) : 0, 12);
      d += 16;
    }
    p += run;
  }
}
