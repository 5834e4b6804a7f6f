// Zero-padded input rows for the direct kernels of convs with few filter rows (kh * kw * inC <=
// 27: the first layer of an image model): an output row's kh input rows are copied, with zeros for
// the padding, so the inner loops read filter row q of pixel ox at a fixed offset, with no bounds checks.
// Geometry: the OP_DWCONV job fields (conv_geometry.ts).
import {
  J_BATCH, J_GRID_H, J_GRID_W, J_PAD_LEFT, J_PAD_TOP, J_POOL_H, J_POOL_W, J_SRC_C, J_SRC_H, J_SRC_W, J_STRIDE_H, J_STRIDE_W,
  J_X_TAP, J_Y_TAP,
} from '../job_layout';
import { i32At } from './job';

/** Floats in one padded row: the (ow - 1) * sw + (kw - 1) * dw + 1 columns an output row reads, times inC. */
@inline export function paddedRowFloats(job: usize): i32 {
  const ow = i32At(job, J_GRID_W), kw = i32At(job, J_POOL_W), sw = i32At(job, J_STRIDE_W), dw = i32At(job, J_X_TAP);
  return ((ow - 1) * sw + (kw - 1) * dw + 1) * i32At(job, J_SRC_C);
}

/** Output rows of the job: J_BATCH images x J_GRID_H rows. */
@inline export function outputRows(job: usize): i32 {
  return i32At(job, J_BATCH) * i32At(job, J_GRID_H);
}

/** The kh padded input rows that output row r (image r / oh, row r % oh) reads, into `dst`, one after another. */
export function padInputRows(job: usize, x: usize, r: i32, dst: usize): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), inC = i32At(job, J_SRC_C), oh = i32At(job, J_GRID_H);
  const kh = i32At(job, J_POOL_H), sh = i32At(job, J_STRIDE_H), dh = i32At(job, J_Y_TAP);
  const pt = i32At(job, J_PAD_TOP), pl = i32At(job, J_PAD_LEFT);
  const rowFloats = paddedRowFloats(job), wp = rowFloats / inC;
  const b = r / oh, oy = r % oh;
  for (let ky = 0; ky < kh; ky++) padRow(x, b, oy * sh - pt + ky * dh, h, w, inC, pl, wp, dst + (<usize>(ky * rowFloats) << 2));
}

/** Byte offset, in the padded rows, of filter row q = (ky * kw + kx) * inC + c; 0 for padding rows. */
@inline export function rowOffset(q: i32, rows: i32, kw: i32, inC: i32, dw: i32, rowFloats: i32): usize {
  if (q >= rows) return 0;
  const tap = q / inC, c = q % inC;
  const ky = tap / kw, kx = tap % kw;
  return <usize>(ky * rowFloats + kx * dw * inC + c) << 2;
}

/** Input row iy of image b, columns [-pl, -pl + wp), into `dst`, zeros where it lies outside x. */
function padRow(x: usize, b: i32, iy: i32, h: i32, w: i32, inC: i32, pl: i32, wp: i32, dst: usize): void {
  const rowBytes = <usize>(wp * inC) << 2;
  if (iy < 0 || iy >= h) {
    memory.fill(dst, 0, rowBytes);
    return;
  }
  const lo = min(max(0, pl), wp), hi = min(wp, w + pl); // padded columns that hold x
  if (lo > 0) memory.fill(dst, 0, <usize>(lo * inC) << 2);
  if (hi > lo) memory.copy(dst + (<usize>(lo * inC) << 2), x + (<usize>(((b * h + iy) * w + lo - pl) * inC) << 2), <usize>((hi - lo) * inC) << 2);
  const tail = max(hi, lo);
  if (tail < wp) memory.fill(dst + (<usize>(tail * inC) << 2), 0, <usize>((wp - tail) * inC) << 2);
}
