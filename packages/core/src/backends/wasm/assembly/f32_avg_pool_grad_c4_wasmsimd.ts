// Average-pool gradient (NHWC), gathered: one task per input row (n, iy), f32x4 over channels.
// Each input sums dy / count (rounded to f32) over the windows that cover it, in row-major
// output order, as the reference does: no two tasks write the same dx, so the bits do not depend
// on the thread count. The loops run window by window over the task's dx row (channels
// innermost), so each window's count is computed once, not once per channel block.
import {
  J_COUNTER, J_DY_PTR, J_GRID_H, J_GRID_W, J_NTASKS, J_OUT_PTR, J_PAD_LEFT, J_PAD_TOP, J_POOL_H, J_POOL_W,
  J_SRC_C, J_SRC_H, J_SRC_W, J_STRIDE_H, J_STRIDE_W,
} from '../job_layout';
import { claimTask, i32At, ptrAt, u32At } from './job';

export function avgPoolGradTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    avgPoolGradRow(job, t);
  }
}

/** Ceiling division for a numerator that may be negative and a positive divisor. */
@inline function ceilDiv(a: i32, b: i32): i32 {
  return a > 0 ? (a + b - 1) / b : -(-a / b);
}

/** In-image taps of the window of output o along one axis. */
@inline function taps(o: i32, stride: i32, pad: i32, pool: i32, size: i32): i32 {
  const start = o * stride - pad;
  return min(start + pool, size) - max(start, 0);
}

function avgPoolGradRow(job: usize, t: u32): void {
  const h = u32At(job, J_SRC_H), w = i32At(job, J_SRC_W), ch = i32At(job, J_SRC_C);
  const oh = i32At(job, J_GRID_H), ow = i32At(job, J_GRID_W);
  const poolH = i32At(job, J_POOL_H), poolW = i32At(job, J_POOL_W);
  const strideH = i32At(job, J_STRIDE_H), strideW = i32At(job, J_STRIDE_W);
  const padTop = i32At(job, J_PAD_TOP), padLeft = i32At(job, J_PAD_LEFT);
  const n = <i32>(t / h), iy = <i32>(t % h);
  const oyFirst = max(0, ceilDiv(iy + padTop - poolH + 1, strideH)), oyEnd = min(oh, (iy + padTop) / strideH + 1);
  const dx = ptrAt(job, J_OUT_PTR) + (<usize>(<i32>t * w * ch) << 2);
  memory.fill(dx, 0, <usize>(w * ch) << 2);
  // Output rows outermost and channels innermost: each (input, channel) still adds its windows
  // in row-major output order, the reference's order, while the count is computed once per window.
  for (let oy = oyFirst; oy < oyEnd; oy++) {
    const rowTaps = taps(oy, strideH, padTop, poolH, <i32>h);
    const dyRow = ptrAt(job, J_DY_PTR) + (<usize>(((n * oh + oy) * ow) * ch) << 2);
    for (let ix = 0; ix < w; ix++) {
      const oxFirst = max(0, ceilDiv(ix + padLeft - poolW + 1, strideW)), oxEnd = min(ow, (ix + padLeft) / strideW + 1);
      const at = dx + (<usize>(ix * ch) << 2);
      for (let ox = oxFirst; ox < oxEnd; ox++) {
        const count = <f32>(rowTaps * taps(ox, strideW, padLeft, poolW, w));
        const src = dyRow + (<usize>(ox * ch) << 2);
        const countv = f32x4.splat(count);
        let c = 0;
        for (; c + 4 <= ch; c += 4) {
          const o = <usize>c << 2;
          v128.store(at + o, f32x4.add(v128.load(at + o), f32x4.div(v128.load(src + o), countv)));
        }
        for (; c < ch; c++) {
          const o = <usize>c << 2;
          store<f32>(at + o, load<f32>(at + o) + load<f32>(src + o) / count);
        }
      }
    }
  }
}
