// Batch-norm forward on [rows, channels], 4 channels per f32x4, one task per channel block.
// Statistics: two float64 passes (sum, then squared deviations from the f32 mean), like the
// reference; y = gamma * ((x - mean) * invStd) + beta in f32, one rounding per operation.
import {
  J_ACC_PTR, J_BETA_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_EPSILON_PTR, J_GAMMA_PTR, J_INV_STD_PTR, J_M, J_MEAN_PTR, J_N, J_NTASKS,
  J_OUT_PTR, J_VARIANCE_PTR, J_X_PTR,
} from '../job_layout';
import { accumulate4, accumulateSquaredDeviation4, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function batchNormForwardTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), channels = u32At(job, J_N);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_batch_norm_forward_c4_wasmsimd(job, t * block, min<u32>(channels, (t + 1) * block));
  }
}

function f32_batch_norm_forward_c4_wasmsimd(job: usize, c0: u32, c1: u32): void {
  const rows = u32At(job, J_M), rowBytes = <usize>u32At(job, J_N) << 2;
  const x = ptrAt(job, J_X_PTR), y = ptrAt(job, J_OUT_PTR), acc = ptrAt(job, J_ACC_PTR);
  const mean = ptrAt(job, J_MEAN_PTR), variance = ptrAt(job, J_VARIANCE_PTR), invStd = ptrAt(job, J_INV_STD_PTR);
  const gamma = ptrAt(job, J_GAMMA_PTR), beta = ptrAt(job, J_BETA_PTR);
  const n = <f64>rows;
  const split = c0 + ((c1 - c0) & ~3); // channels [split, c1) are the scalar tail

  zeroAccumulators(acc, c0, c1);
  for (let r: u32 = 0, p = x; r < rows; r++, p += rowBytes) {
    for (let c = c0; c < split; c += 4) accumulate4(acc + (<usize>c << 3), v128.load(p + (<usize>c << 2)));
    for (let c = split; c < c1; c++) {
      const a = acc + (<usize>c << 3);
      store<f64>(a, load<f64>(a) + <f64>load<f32>(p + (<usize>c << 2)));
    }
  }
  for (let c = c0; c < c1; c++) store<f32>(mean + (<usize>c << 2), <f32>(load<f64>(acc + (<usize>c << 3)) / n));

  zeroAccumulators(acc, c0, c1);
  for (let r: u32 = 0, p = x; r < rows; r++, p += rowBytes) {
    for (let c = c0; c < split; c += 4) {
      const o = <usize>c << 2;
      accumulateSquaredDeviation4(acc + (<usize>c << 3), v128.load(p + o), v128.load(mean + o));
    }
    for (let c = split; c < c1; c++) {
      const a = acc + (<usize>c << 3), o = <usize>c << 2;
      const d = <f64>load<f32>(p + o) - <f64>load<f32>(mean + o);
      store<f64>(a, load<f64>(a) + d * d);
    }
  }
  const eps = load<f64>(ptrAt(job, J_EPSILON_PTR));
  for (let c = c0; c < c1; c++) {
    const v = <f32>(load<f64>(acc + (<usize>c << 3)) / n);
    store<f32>(variance + (<usize>c << 2), v);
    store<f32>(invStd + (<usize>c << 2), <f32>(1.0 / Math.sqrt(<f64>v + eps)));
  }

  for (let r: u32 = 0, p = x, q = y; r < rows; r++, p += rowBytes, q += rowBytes) {
    for (let c = c0; c < split; c += 4) {
      const o = <usize>c << 2;
      const h = f32x4.mul(f32x4.sub(v128.load(p + o), v128.load(mean + o)), v128.load(invStd + o));
      v128.store(q + o, f32x4.add(f32x4.mul(v128.load(gamma + o), h), v128.load(beta + o)));
    }
    for (let c = split; c < c1; c++) {
      const o = <usize>c << 2;
      const h = (load<f32>(p + o) - load<f32>(mean + o)) * load<f32>(invStd + o);
      store<f32>(q + o, load<f32>(gamma + o) * h + load<f32>(beta + o));
    }
  }
}
