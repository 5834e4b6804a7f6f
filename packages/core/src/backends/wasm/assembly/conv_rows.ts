// Zero-padded input rows for the direct kernels of convs with few filter rows (kh * kw * inC <=
// 27: the first layer of an image model): an output row's kh input rows are copied, with zeros for
// the padding, so the inner loops read filter row q of pixel ox at a fixed offset, with no bounds checks.

/** Byte offset, in the padded rows, of filter row q = (ky * kw + kx) * inC + c; 0 for padding rows. */
@inline export function rowOffset(q: i32, rows: i32, kw: i32, inC: i32, dw: i32, rowFloats: i32): usize {
  if (q >= rows) return 0;
  const tap = q / inC, c = q % inC;
  const ky = tap / kw, kx = tap % kw;
  return <usize>(ky * rowFloats + kx * dw * inC + c) << 2;
}

/** Input row iy of image b, columns [-pl, -pl + wp), into `dst`, zeros where it lies outside x. */
export function padRow(x: usize, b: i32, iy: i32, h: i32, w: i32, inC: i32, pl: i32, wp: i32, dst: usize): void {
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
