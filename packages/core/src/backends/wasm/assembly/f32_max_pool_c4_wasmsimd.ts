// Max pool (NHWC), one task per output row (n, oy), f32x4 over channels. argmax holds the flat
// input index of the first maximum of each window (strict > keeps the first on ties; the first
// NaN wins and sticks). Windows are clipped to the image; the JS side rejects empty ones.
import {
  J_ARGMAX_PTR, J_A_PTR, J_COUNTER, J_GRID_H, J_GRID_W, J_NTASKS, J_PAD_LEFT, J_PAD_TOP, J_POOL_H, J_POOL_W,
  J_SRC_C, J_SRC_H, J_SRC_W, J_STRIDE_H, J_STRIDE_W, J_Y_PTR,
} from '../job_layout';
import { claimTask, i32At, ptrAt, u32At } from './job';

export function maxPoolTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    maxPoolRow(job, t);
  }
}

function maxPoolRow(job: usize, t: u32): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), ch = i32At(job, J_SRC_C);
  const oh = u32At(job, J_GRID_H), ow = i32At(job, J_GRID_W);
  const n = <i32>(t / oh), oy = <i32>(t % oh);
  const y0 = oy * i32At(job, J_STRIDE_H) - i32At(job, J_PAD_TOP);
  const yEnd = min(y0 + i32At(job, J_POOL_H), h), yStart = max(y0, 0);
  const poolW = i32At(job, J_POOL_W), strideW = i32At(job, J_STRIDE_W), padLeft = i32At(job, J_PAD_LEFT);
  const x = ptrAt(job, J_A_PTR);
  let out = <i32>t * ow * ch;
  const y = ptrAt(job, J_Y_PTR), argmax = ptrAt(job, J_ARGMAX_PTR);
  for (let ox = 0; ox < ow; ox++) {
    const x0 = ox * strideW - padLeft;
    const xStart = max(x0, 0), xEnd = min(x0 + poolW, w);
    let c = 0;
    for (; c + 4 <= ch; c += 4) {
      let best = f32x4.splat(-Infinity), arg = i32x4.splat(-1), first = true;
      for (let iy = yStart; iy < yEnd; iy++) {
        for (let ix = xStart; ix < xEnd; ix++) {
          const idx = ((n * h + iy) * w + ix) * ch + c;
          const v = v128.load(x + (<usize>idx << 2));
          const idxv = i32x4.add(i32x4.splat(idx), i32x4(0, 1, 2, 3));
          if (first) {
            best = v;
            arg = idxv;
            first = false;
          } else {
            // v > best, or v is the first NaN (NaN wins once and sticks, as in the reference).
            const win = v128.or(f32x4.gt(v, best), v128.andnot(f32x4.ne(v, v), f32x4.ne(best, best)));
            best = v128.bitselect(v, best, win);
            arg = v128.bitselect(idxv, arg, win);
          }
        }
      }
      v128.store(y + (<usize>(out + c) << 2), best);
      v128.store(argmax + (<usize>(out + c) << 2), arg);
    }
    for (; c < ch; c++) {
      let best: f32 = -Infinity, arg = -1;
      for (let iy = yStart; iy < yEnd; iy++) {
        for (let ix = xStart; ix < xEnd; ix++) {
          const idx = ((n * h + iy) * w + ix) * ch + c;
          const v = load<f32>(x + (<usize>idx << 2));
          if (arg < 0 || v > best || (v != v && best == best)) {
            best = v;
            arg = idx;
          }
        }
      }
      store<f32>(y + (<usize>(out + c) << 2), best);
      store<i32>(argmax + (<usize>(out + c) << 2), arg);
    }
    out += ch;
  }
}
