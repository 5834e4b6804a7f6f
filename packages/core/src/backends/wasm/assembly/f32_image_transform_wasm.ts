// Image transform (Keras's affine_transform) and its adjoint, scalar wasm in float64, the
// reference's arithmetic step for step (backends/reference/image_transform.ts): the same bits.
// Forward: one task per output row (b, y); rows are independent, so any thread count gives the
// same result. Gradient: one task per image, its pixels scattered in order, so tasks never share
// a dx value and the order of additions is fixed.
// Job: SRC_H/W/C geometry, BATCH images, X_PTR input (or DY_PTR), OUT_PTR output (or dx),
// A_PTR an f64 block [fillValue, then 8 per image], FLAGS = nearest interpolation (1) | fill mode << 1.
import { J_A_PTR, J_COUNTER, J_DY_PTR, J_FLAGS, J_NTASKS, J_OUT_PTR, J_SRC_C, J_SRC_H, J_SRC_W, J_X_PTR } from '../job_layout';
import { claimTask, i32At, ptrAt, u32At } from './job';

// Fill modes as in FLAGS >> 1 (the JS side writes the same numbers: image_transform.ts).
const FILL_CONSTANT = 0;
const FILL_NEAREST = 1;
const FILL_WRAP = 2;
const FILL_REFLECT = 3;

/** Where integer index i (an integral f64) of an axis of size n reads; -1 is the fill value. */
@inline function fixIndex(i: f64, n: i32, mode: i32): i32 {
  const nf = <f64>n;
  if (i >= 0 && i < nf) return <i32>i;
  let r: f64;
  if (mode == FILL_CONSTANT) return -1;
  if (mode == FILL_NEAREST) return i < 0 ? 0 : n - 1;
  if (mode == FILL_WRAP) {
    r = i - nf * Math.floor(i / nf);
  } else {
    r = i - 2 * nf * Math.floor(i / (2 * nf));
    if (r >= nf) r = 2 * nf - 1 - r;
  }
  return r < 0 ? 0 : r > nf - 1 ? n - 1 : <i32>r;
}

@inline function pixelAt(x: usize, iy: i32, ix: i32, w: i32, c: i32, k: i32, fill: f64): f64 {
  if (iy < 0 || ix < 0) return fill;
  return <f64>load<f32>(x + (<usize>((iy * w + ix) * c + k) << 2));
}

export function imageTransformTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    imageTransformRow(job, t);
  }
}

function imageTransformRow(job: usize, task: u32): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), c = i32At(job, J_SRC_C);
  const b = <i32>(task / <u32>h), y = <i32>(task % <u32>h);
  const flags = i32At(job, J_FLAGS), nearest = (flags & 1) != 0, mode = flags >> 1;
  const params = ptrAt(job, J_A_PTR), fill = load<f64>(params);
  const m = params + 8 + (<usize>b << 6);
  const a0 = load<f64>(m), a1 = load<f64>(m, 8), a2 = load<f64>(m, 16);
  const b0 = load<f64>(m, 24), b1 = load<f64>(m, 32), b2 = load<f64>(m, 40);
  const c0 = load<f64>(m, 48), c1 = load<f64>(m, 56);
  const plane = <usize>(h * w * c);
  const x = ptrAt(job, J_X_PTR) + ((<usize>b * plane) << 2);
  let out = ptrAt(job, J_OUT_PTR) + ((<usize>b * plane + <usize>(y * w * c)) << 2);
  const yf = <f64>y;
  let nx = a1 * yf + a2, ny = b1 * yf + b2, k = c1 * yf + 1;
  for (let px = 0; px < w; px++, nx += a0, ny += b0, k += c0) {
    const sx = nx / k, sy = ny / k;
    if (nearest) {
      const ix = fixIndex(Math.floor(sx + 0.5), w, mode), iy = fixIndex(Math.floor(sy + 0.5), h, mode);
      for (let ch = 0; ch < c; ch++) store<f32>(out + (<usize>ch << 2), <f32>pixelAt(x, iy, ix, w, c, ch, fill));
    } else {
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      const fx = sx - x0, fy = sy - y0;
      const ix0 = fixIndex(x0, w, mode), ix1 = fixIndex(x0 + 1, w, mode);
      const iy0 = fixIndex(y0, h, mode), iy1 = fixIndex(y0 + 1, h, mode);
      for (let ch = 0; ch < c; ch++) {
        const v00 = pixelAt(x, iy0, ix0, w, c, ch, fill), v01 = pixelAt(x, iy0, ix1, w, c, ch, fill);
        const v10 = pixelAt(x, iy1, ix0, w, c, ch, fill), v11 = pixelAt(x, iy1, ix1, w, c, ch, fill);
        const top = v00 + fx * (v01 - v00);
        const bottom = v10 + fx * (v11 - v10);
        store<f32>(out + (<usize>ch << 2), <f32>(top + fy * (bottom - top)));
      }
    }
    out += <usize>c << 2;
  }
}

export function imageTransformGradTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    imageTransformGradImage(job, t);
  }
}

@inline function spread(dx: usize, dy: usize, iy: i32, ix: i32, w: i32, c: i32, weight: f64): void {
  if (iy < 0 || ix < 0) return;
  const at = dx + (<usize>((iy * w + ix) * c) << 2);
  for (let ch = 0; ch < c; ch++) {
    const p = at + (<usize>ch << 2);
    store<f32>(p, <f32>(<f64>load<f32>(p) + <f64>load<f32>(dy + (<usize>ch << 2)) * weight));
  }
}

function imageTransformGradImage(job: usize, b: u32): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), c = i32At(job, J_SRC_C);
  const flags = i32At(job, J_FLAGS), nearest = (flags & 1) != 0, mode = flags >> 1;
  const m = ptrAt(job, J_A_PTR) + 8 + (<usize>b << 6);
  const a0 = load<f64>(m), a1 = load<f64>(m, 8), a2 = load<f64>(m, 16);
  const b0 = load<f64>(m, 24), b1 = load<f64>(m, 32), b2 = load<f64>(m, 40);
  const c0 = load<f64>(m, 48), c1 = load<f64>(m, 56);
  const plane = <usize>(h * w * c);
  const dx = ptrAt(job, J_OUT_PTR) + ((<usize>b * plane) << 2);
  memory.fill(dx, 0, plane << 2);
  let dy = ptrAt(job, J_DY_PTR) + ((<usize>b * plane) << 2);
  for (let y = 0; y < h; y++) {
    const yf = <f64>y;
    let nx = a1 * yf + a2, ny = b1 * yf + b2, k = c1 * yf + 1;
    for (let px = 0; px < w; px++, nx += a0, ny += b0, k += c0) {
      const sx = nx / k, sy = ny / k;
      if (nearest) {
        spread(dx, dy, fixIndex(Math.floor(sy + 0.5), h, mode), fixIndex(Math.floor(sx + 0.5), w, mode), w, c, 1);
      } else {
        const x0 = Math.floor(sx), y0 = Math.floor(sy);
        const fx = sx - x0, fy = sy - y0;
        const ix0 = fixIndex(x0, w, mode), ix1 = fixIndex(x0 + 1, w, mode);
        const iy0 = fixIndex(y0, h, mode), iy1 = fixIndex(y0 + 1, h, mode);
        spread(dx, dy, iy0, ix0, w, c, (1 - fx) * (1 - fy));
        spread(dx, dy, iy0, ix1, w, c, fx * (1 - fy));
        spread(dx, dy, iy1, ix0, w, c, (1 - fx) * fy);
        spread(dx, dy, iy1, ix1, w, c, fx * fy);
      }
      dy += <usize>c << 2;
    }
  }
}
