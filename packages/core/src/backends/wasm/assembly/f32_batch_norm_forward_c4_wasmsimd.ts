// Batch-norm forward on [rows, channels], 4 channels per f32x4, one task per chunk of rows (rows
// are contiguous, so each task streams its own memory). Three phases (J_FLAGS), the JS side
// combining the chunks' float64 partial sums in chunk order between them:
// 0: per-chunk sums of x; 1: per-chunk sums of (x - mean)²; 2: y = gamma * ((x - mean) * invStd) + beta.
import {
  J_ACC_PTR, J_BETA_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_FLAGS, J_GAMMA_PTR, J_INV_STD_PTR, J_M, J_MEAN_PTR, J_N, J_NTASKS,
  J_OUT_PTR, J_X_PTR,
} from '../job_layout';
import { accumulate4, accumulateSquaredDeviation4, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function batchNormForwardTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M), phase = u32At(job, J_FLAGS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    const r0 = t * block, r1 = min<u32>(rows, r0 + block);
    if (phase == 2) f32_batch_norm_normalize_c4_wasmsimd(job, r0, r1);
    else f32_batch_norm_sums_c4_wasmsimd(job, t, r0, r1, phase == 1);
  }
}

/** Chunk t's float64 sums over rows [r0, r1) per channel: of x, or of (x - mean)² when `deviations`. */
function f32_batch_norm_sums_c4_wasmsimd(job: usize, t: u32, r0: u32, r1: u32, deviations: bool): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const mean = ptrAt(job, J_MEAN_PTR), acc = ptrAt(job, J_ACC_PTR) + (<usize>t * <usize>channels << 3);
  const split = channels & ~3;
  zeroAccumulators(acc, 0, channels);
  let p = ptrAt(job, J_X_PTR) + <usize>r0 * rowBytes;
  for (let r = r0; r < r1; r++, p += rowBytes) {
    if (deviations) {
      for (let c: u32 = 0; c < split; c += 4) {
        const o = <usize>c << 2;
        accumulateSquaredDeviation4(acc + (<usize>c << 3), v128.load(p + o), v128.load(mean + o));
      }
      for (let c = split; c < channels; c++) {
        const a = acc + (<usize>c << 3), o = <usize>c << 2;
        const d = <f64>load<f32>(p + o) - <f64>load<f32>(mean + o);
        store<f64>(a, load<f64>(a) + d * d);
      }
    } else {
      for (let c: u32 = 0; c < split; c += 4) accumulate4(acc + (<usize>c << 3), v128.load(p + (<usize>c << 2)));
      for (let c = split; c < channels; c++) {
        const a = acc + (<usize>c << 3);
        store<f64>(a, load<f64>(a) + <f64>load<f32>(p + (<usize>c << 2)));
      }
    }
  }
}

function f32_batch_norm_normalize_c4_wasmsimd(job: usize, r0: u32, r1: u32): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const mean = ptrAt(job, J_MEAN_PTR), invStd = ptrAt(job, J_INV_STD_PTR), gamma = ptrAt(job, J_GAMMA_PTR), beta = ptrAt(job, J_BETA_PTR);
  const split = channels & ~3;
  let p = ptrAt(job, J_X_PTR) + <usize>r0 * rowBytes, q = ptrAt(job, J_OUT_PTR) + <usize>r0 * rowBytes;
  for (let r = r0; r < r1; r++, p += rowBytes, q += rowBytes) {
    for (let c: u32 = 0; c < split; c += 4) {
      const o = <usize>c << 2;
      const h = f32x4.mul(f32x4.sub(v128.load(p + o), v128.load(mean + o)), v128.load(invStd + o));
      v128.store(q + o, f32x4.add(f32x4.mul(v128.load(gamma + o), h), v128.load(beta + o)));
    }
    for (let c = split; c < channels; c++) {
      const o = <usize>c << 2;
      const h = (load<f32>(p + o) - load<f32>(mean + o)) * load<f32>(invStd + o);
      store<f32>(q + o, load<f32>(gamma + o) * h + load<f32>(beta + o));
    }
  }
}
