// Average pool (NHWC), one task per output row (n, oy), f32x4 over channels. Each window's
// in-image taps are summed in f32 in row-major window order, then divided by their count
// (TensorFlow's 'same': padded cells are not counted). The same order and rounding as the
// reference kernel, so the same bits; the JS side rejects windows entirely in the padding.
import {
  J_A_PTR, J_COUNTER, J_GRID_H, J_GRID_W, J_NTASKS, J_PAD_LEFT, J_PAD_TOP, J_POOL_H, J_POOL_W,
  J_SRC_C, J_SRC_H, J_SRC_W, J_STRIDE_H, J_STRIDE_W, J_Y_PTR,
} from '../job_layout';
import { claimTask, i32At, ptrAt, u32At } from './job';

export function avgPoolTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    avgPoolRow(job, t);
  }
}

function avgPoolRow(job: usize, t: u32): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), ch = i32At(job, J_SRC_C);
  const oh = u32At(job, J_GRID_H), ow = i32At(job, J_GRID_W);
  const n = <i32>(t / oh), oy = <i32>(t % oh);
  const y0 = oy * i32At(job, J_STRIDE_H) - i32At(job, J_PAD_TOP);
  const yEnd = min(y0 + i32At(job, J_POOL_H), h), yStart = max(y0, 0);
  const poolW = i32At(job, J_POOL_W), strideW = i32At(job, J_STRIDE_W), padLeft = i32At(job, J_PAD_LEFT);
  const x = ptrAt(job, J_A_PTR), y = ptrAt(job, J_Y_PTR);
  let out = <i32>t * ow * ch;
  for (let ox = 0; ox < ow; ox++) {
    const x0 = ox * strideW - padLeft;
    const xStart = max(x0, 0), xEnd = min(x0 + poolW, w);
    const count = <f32>((yEnd - yStart) * (xEnd - xStart));
    let c = 0;
    for (; c + 4 <= ch; c += 4) {
      let sum = f32x4.splat(0);
      for (let iy = yStart; iy < yEnd; iy++) {
        const row = x + (<usize>(((n * h + iy) * w) * ch + c) << 2);
        for (let ix = xStart; ix < xEnd; ix++) sum = f32x4.add(sum, v128.load(row + (<usize>(ix * ch) << 2)));
      }
      v128.store(y + (<usize>(out + c) << 2), f32x4.div(sum, f32x4.splat(count)));
    }
    for (; c < ch; c++) {
      let sum: f32 = 0;
      for (let iy = yStart; iy < yEnd; iy++) {
        const row = x + (<usize>(((n * h + iy) * w) * ch + c) << 2);
        for (let ix = xStart; ix < xEnd; ix++) sum += load<f32>(row + (<usize>(ix * ch) << 2));
      }
      store<f32>(y + (<usize>(out + c) << 2), sum / count);
    }
    out += ch;
  }
}
