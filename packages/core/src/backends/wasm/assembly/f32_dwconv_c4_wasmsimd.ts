// Depthwise conv (NHWC), f32x4 over channels. The filter [kh, kw, inC, dm] is, flattened,
// [taps, outC]: output channel o reads input channel o / dm, so with dm = 1 both x and w load
// contiguously and with dm > 1 the x lanes are gathered. Taps in the padding are skipped.
// Forward and input gradient sum in float32 in the reference kernel's order (taps, then m), with
// separate mul and add, so they give the reference's bits on either build and any thread count.
// The filter gradient reduces over output rows: each task sums a chunk of rows (the chunk size is
// fixed by the problem, see depthwise_conv2d.ts) into its own partial, then OP_SUM_CHUNKS
// adds the partials in chunk order, so every thread count gives the same bits.
import {
  EPILOGUE_RELU, J_A_PTR, J_BATCH, J_BIAS_PTR, J_COUNTER, J_DY_PTR, J_FLAGS, J_GRID_H, J_GRID_W, J_M, J_N,
  J_NTASKS, J_PAD_LEFT, J_PAD_TOP, J_POOL_H, J_POOL_W, J_SRC_C, J_SRC_H, J_SRC_W, J_STRIDE_H, J_STRIDE_W,
  J_X_PTR, J_X_TAP, J_Y_PTR, J_Y_TAP,
} from '../job_layout';
import { claimTask, i32At, ptrAt, u32At } from './job';

/** Input row / column of output o through tap k, or -1 in the padding. */
@inline function source(o: i32, k: i32, stride: i32, pad: i32, dilation: i32, size: i32): i32 {
  const i = o * stride - pad + k * dilation;
  return i >= 0 && i < size ? i : -1;
}

/** Output row / column that input i reaches through tap k, or -1 (padding or stride gap). */
@inline function target(i: i32, k: i32, stride: i32, pad: i32, dilation: i32, size: i32): i32 {
  const s = i + pad - k * dilation;
  if (s < 0 || s % stride != 0) return -1;
  const o = s / stride;
  return o < size ? o : -1;
}

/** x[o / dm .. (o + 3) / dm] of the pixel at xp, one lane per output channel o .. o + 3. */
@inline function expandX(xp: usize, o: i32, dm: i32): v128 {
  if (dm == 1) return v128.load(xp + (<usize>o << 2));
  let v = f32x4.splat(load<f32>(xp + (<usize>(o / dm) << 2)));
  v = f32x4.replace_lane(v, 1, load<f32>(xp + (<usize>((o + 1) / dm) << 2)));
  v = f32x4.replace_lane(v, 2, load<f32>(xp + (<usize>((o + 2) / dm) << 2)));
  return f32x4.replace_lane(v, 3, load<f32>(xp + (<usize>((o + 3) / dm) << 2)));
}

/** Four floats `stride` bytes apart. */
@inline function gather4(p: usize, stride: usize): v128 {
  let v = f32x4.splat(load<f32>(p));
  v = f32x4.replace_lane(v, 1, load<f32>(p + stride));
  v = f32x4.replace_lane(v, 2, load<f32>(p + 2 * stride));
  return f32x4.replace_lane(v, 3, load<f32>(p + 3 * stride));
}

// ---- OP_DWCONV ----

export function dwconvTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) dwconvRow(job, <i32>t);
}

function dwconvRow(job: usize, t: i32): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), inC = i32At(job, J_SRC_C);
  const oh = i32At(job, J_GRID_H), ow = i32At(job, J_GRID_W), outC = i32At(job, J_N), dm = outC / inC;
  const kh = i32At(job, J_POOL_H), kw = i32At(job, J_POOL_W), sh = i32At(job, J_STRIDE_H), sw = i32At(job, J_STRIDE_W);
  const dh = i32At(job, J_Y_TAP), dw = i32At(job, J_X_TAP), pt = i32At(job, J_PAD_TOP), pl = i32At(job, J_PAD_LEFT);
  const x = ptrAt(job, J_A_PTR), wt = ptrAt(job, J_X_PTR), bias = ptrAt(job, J_BIAS_PTR);
  const relu = (u32At(job, J_FLAGS) & EPILOGUE_RELU) != 0;
  const b = t / oh, oy = t % oh;
  const xImage = x + (<usize>(b * h * w * inC) << 2);
  const zero = f32x4.splat(0);
  let out = ptrAt(job, J_Y_PTR) + (<usize>(t * ow * outC) << 2);
  for (let ox = 0; ox < ow; ox++, out += <usize>outC << 2) {
    let o = 0;
    for (; o + 4 <= outC; o += 4) {
      let acc = zero;
      for (let ky = 0; ky < kh; ky++) {
        const iy = source(oy, ky, sh, pt, dh, h);
        if (iy < 0) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = source(ox, kx, sw, pl, dw, w);
          if (ix < 0) continue;
          const xp = xImage + (<usize>((iy * w + ix) * inC) << 2);
          const wv = v128.load(wt + (<usize>((ky * kw + kx) * outC + o) << 2));
          acc = f32x4.add(acc, f32x4.mul(expandX(xp, o, dm), wv));
        }
      }
      if (bias) acc = f32x4.add(acc, v128.load(bias + (<usize>o << 2)));
      // lt is false for NaN: a NaN stays NaN, as the reference's v < 0 ? 0 : v.
      if (relu) acc = v128.bitselect(zero, acc, f32x4.lt(acc, zero));
      v128.store(out + (<usize>o << 2), acc);
    }
    for (; o < outC; o++) {
      let acc: f32 = 0;
      for (let ky = 0; ky < kh; ky++) {
        const iy = source(oy, ky, sh, pt, dh, h);
        if (iy < 0) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = source(ox, kx, sw, pl, dw, w);
          if (ix < 0) continue;
          const xv = load<f32>(xImage + (<usize>((iy * w + ix) * inC + o / dm) << 2));
          acc += xv * load<f32>(wt + (<usize>((ky * kw + kx) * outC + o) << 2));
        }
      }
      if (bias) acc += load<f32>(bias + (<usize>o << 2));
      if (relu && acc < 0) acc = 0;
      store<f32>(out + (<usize>o << 2), acc);
    }
  }
}

// ---- OP_DWCONV_INPUT_GRAD ----

export function dwconvInputGradTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) dwconvInputGradRow(job, <i32>t);
}

/** dx of input row t = (b, iy): per channel c, the sum over taps and m of dy[c * dm + m] * w[tap, c * dm + m]. */
function dwconvInputGradRow(job: usize, t: i32): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), inC = i32At(job, J_SRC_C);
  const oh = i32At(job, J_GRID_H), ow = i32At(job, J_GRID_W), outC = i32At(job, J_N), dm = outC / inC;
  const kh = i32At(job, J_POOL_H), kw = i32At(job, J_POOL_W), sh = i32At(job, J_STRIDE_H), sw = i32At(job, J_STRIDE_W);
  const dh = i32At(job, J_Y_TAP), dw = i32At(job, J_X_TAP), pt = i32At(job, J_PAD_TOP), pl = i32At(job, J_PAD_LEFT);
  const dy = ptrAt(job, J_DY_PTR), wt = ptrAt(job, J_X_PTR);
  const b = t / h, iy = t % h;
  const dyImage = dy + (<usize>(b * oh * ow * outC) << 2);
  const stride = <usize>dm << 2; // bytes between channel c's and channel c + 1's m-th output
  let out = ptrAt(job, J_Y_PTR) + (<usize>(t * w * inC) << 2);
  for (let ix = 0; ix < w; ix++, out += <usize>inC << 2) {
    let c = 0;
    for (; c + 4 <= inC; c += 4) {
      let acc = f32x4.splat(0);
      for (let ky = 0; ky < kh; ky++) {
        const oy = target(iy, ky, sh, pt, dh, oh);
        if (oy < 0) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ox = target(ix, kx, sw, pl, dw, ow);
          if (ox < 0) continue;
          const g = dyImage + (<usize>((oy * ow + ox) * outC + c * dm) << 2);
          const wp = wt + (<usize>((ky * kw + kx) * outC + c * dm) << 2);
          if (dm == 1) {
            acc = f32x4.add(acc, f32x4.mul(v128.load(g), v128.load(wp)));
          } else {
            for (let m = 0; m < dm; m++) {
              const at = <usize>m << 2;
              acc = f32x4.add(acc, f32x4.mul(gather4(g + at, stride), gather4(wp + at, stride)));
            }
          }
        }
      }
      v128.store(out + (<usize>c << 2), acc);
    }
    for (; c < inC; c++) {
      let acc: f32 = 0;
      for (let ky = 0; ky < kh; ky++) {
        const oy = target(iy, ky, sh, pt, dh, oh);
        if (oy < 0) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ox = target(ix, kx, sw, pl, dw, ow);
          if (ox < 0) continue;
          const g = dyImage + (<usize>((oy * ow + ox) * outC + c * dm) << 2);
          const wp = wt + (<usize>((ky * kw + kx) * outC + c * dm) << 2);
          for (let m = 0; m < dm; m++) acc += load<f32>(g + (<usize>m << 2)) * load<f32>(wp + (<usize>m << 2));
        }
      }
      store<f32>(out + (<usize>c << 2), acc);
    }
  }
}

// ---- OP_DWCONV_FILTER_GRAD ----

export function dwconvFilterGradTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) dwconvFilterGradChunk(job, <i32>t);
}

/** The partial dw [taps, outC] of output rows [t * J_M, (t + 1) * J_M), rows and pixels in order. */
function dwconvFilterGradChunk(job: usize, t: i32): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), inC = i32At(job, J_SRC_C);
  const oh = i32At(job, J_GRID_H), ow = i32At(job, J_GRID_W), outC = i32At(job, J_N), dm = outC / inC;
  const kh = i32At(job, J_POOL_H), kw = i32At(job, J_POOL_W), sh = i32At(job, J_STRIDE_H), sw = i32At(job, J_STRIDE_W);
  const dh = i32At(job, J_Y_TAP), dw = i32At(job, J_X_TAP), pt = i32At(job, J_PAD_TOP), pl = i32At(job, J_PAD_LEFT);
  const x = ptrAt(job, J_A_PTR), dy = ptrAt(job, J_DY_PTR);
  const perChunk = i32At(job, J_M), total = i32At(job, J_BATCH) * oh;
  const size = kh * kw * outC;
  const partial = ptrAt(job, J_Y_PTR) + (<usize>(t * size) << 2);
  memory.fill(partial, 0, <usize>size << 2);
  const r1 = min(total, (t + 1) * perChunk);
  for (let r = t * perChunk; r < r1; r++) {
    const b = r / oh, oy = r % oh;
    const xImage = x + (<usize>(b * h * w * inC) << 2);
    for (let ox = 0; ox < ow; ox++) {
      const g = dy + (<usize>((r * ow + ox) * outC) << 2);
      for (let ky = 0; ky < kh; ky++) {
        const iy = source(oy, ky, sh, pt, dh, h);
        if (iy < 0) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = source(ox, kx, sw, pl, dw, w);
          if (ix < 0) continue;
          const xp = xImage + (<usize>((iy * w + ix) * inC) << 2);
          const pp = partial + (<usize>((ky * kw + kx) * outC) << 2);
          let o = 0;
          for (; o + 4 <= outC; o += 4) {
            const at = <usize>o << 2;
            v128.store(pp + at, f32x4.add(v128.load(pp + at), f32x4.mul(expandX(xp, o, dm), v128.load(g + at))));
          }
          for (; o < outC; o++) {
            const at = <usize>o << 2;
            store<f32>(pp + at, load<f32>(pp + at) + load<f32>(xp + (<usize>(o / dm) << 2)) * load<f32>(g + at));
          }
        }
      }
    }
  }
}
