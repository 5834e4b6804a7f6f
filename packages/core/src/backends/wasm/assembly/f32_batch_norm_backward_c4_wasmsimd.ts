// Batch-norm backward on [rows, channels], 4 channels per f32x4, one task per channel block.
// Pass 1 sums dy and dy * xhat in float64 (xhat recomputed in f32 from x, mean and invStd, as the
// forward computed it); pass 2: dx = gamma * invStd * ((dy - mean(dy)) - xhat * mean(dy * xhat)).
import {
  J_ACC_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_D_BETA_PTR, J_D_GAMMA_PTR, J_DY_PTR, J_GAMMA_PTR, J_INV_STD_PTR, J_M, J_MEAN_PTR,
  J_N, J_NTASKS, J_OUT_PTR, J_X_PTR,
} from '../job_layout';
import { accumulate4, accumulateProduct4, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function batchNormBackwardTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), channels = u32At(job, J_N);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_batch_norm_backward_c4_wasmsimd(job, t * block, min<u32>(channels, (t + 1) * block));
  }
}

function f32_batch_norm_backward_c4_wasmsimd(job: usize, c0: u32, c1: u32): void {
  const rows = u32At(job, J_M), channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const x = ptrAt(job, J_X_PTR), dy = ptrAt(job, J_DY_PTR), dx = ptrAt(job, J_OUT_PTR);
  const mean = ptrAt(job, J_MEAN_PTR), invStd = ptrAt(job, J_INV_STD_PTR), gamma = ptrAt(job, J_GAMMA_PTR);
  // Accumulators: sum(dy) then sum(dy * xhat), C f64 each; then three C-float coefficient rows.
  const sumDy = ptrAt(job, J_ACC_PTR), sumDyXhat = sumDy + (<usize>channels << 3);
  const scale = sumDyXhat + (<usize>channels << 3), meanDy = scale + rowBytes, meanDyXhat = meanDy + rowBytes;
  const split = c0 + ((c1 - c0) & ~3);

  zeroAccumulators(sumDy, c0, c1);
  zeroAccumulators(sumDyXhat, c0, c1);
  for (let r: u32 = 0, p = x, q = dy; r < rows; r++, p += rowBytes, q += rowBytes) {
    for (let c = c0; c < split; c += 4) {
      const o = <usize>c << 2, a = <usize>c << 3;
      const g = v128.load(q + o);
      const h = f32x4.mul(f32x4.sub(v128.load(p + o), v128.load(mean + o)), v128.load(invStd + o));
      accumulate4(sumDy + a, g);
      accumulateProduct4(sumDyXhat + a, g, h);
    }
    for (let c = split; c < c1; c++) {
      const o = <usize>c << 2, a = <usize>c << 3;
      const g = load<f32>(q + o);
      const h = (load<f32>(p + o) - load<f32>(mean + o)) * load<f32>(invStd + o);
      store<f64>(sumDy + a, load<f64>(sumDy + a) + <f64>g);
      store<f64>(sumDyXhat + a, load<f64>(sumDyXhat + a) + <f64>g * <f64>h);
    }
  }
  const n = <f64>rows;
  for (let c = c0; c < c1; c++) {
    const o = <usize>c << 2, a = <usize>c << 3;
    const sb = load<f64>(sumDy + a), sg = load<f64>(sumDyXhat + a);
    store<f32>(ptrAt(job, J_D_BETA_PTR) + o, <f32>sb);
    store<f32>(ptrAt(job, J_D_GAMMA_PTR) + o, <f32>sg);
    store<f32>(scale + o, load<f32>(gamma + o) * load<f32>(invStd + o));
    store<f32>(meanDy + o, <f32>(sb / n));
    store<f32>(meanDyXhat + o, <f32>(sg / n));
  }

  for (let r: u32 = 0, p = x, q = dy, d = dx; r < rows; r++, p += rowBytes, q += rowBytes, d += rowBytes) {
    for (let c = c0; c < split; c += 4) {
      const o = <usize>c << 2;
      const h = f32x4.mul(f32x4.sub(v128.load(p + o), v128.load(mean + o)), v128.load(invStd + o));
      const centred = f32x4.sub(f32x4.sub(v128.load(q + o), v128.load(meanDy + o)), f32x4.mul(h, v128.load(meanDyXhat + o)));
      v128.store(d + o, f32x4.mul(v128.load(scale + o), centred));
    }
    for (let c = split; c < c1; c++) {
      const o = <usize>c << 2;
      const h = (load<f32>(p + o) - load<f32>(mean + o)) * load<f32>(invStd + o);
      const centred = (load<f32>(q + o) - load<f32>(meanDy + o)) - h * load<f32>(meanDyXhat + o);
      store<f32>(d + o, load<f32>(scale + o) * centred);
    }
  }
}
