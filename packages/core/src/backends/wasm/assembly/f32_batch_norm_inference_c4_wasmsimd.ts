// Batch norm with fixed statistics as a per-channel affine map on [rows, channels]:
// y = x * scale + shift, 4 channels per f32x4 (mul, then add: the reference's roundings).
// One task per block of rows; no reductions, so any partition gives the same bits.
import { J_BETA_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_GAMMA_PTR, J_M, J_N, J_NTASKS, J_OUT_PTR, J_X_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function batchNormInferenceTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_batch_norm_inference_c4_wasmsimd(job, t * block, min<u32>(rows, (t + 1) * block));
  }
}

function f32_batch_norm_inference_c4_wasmsimd(job: usize, r0: u32, r1: u32): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const scale = ptrAt(job, J_GAMMA_PTR), shift = ptrAt(job, J_BETA_PTR);
  const split = channels & ~3;
  let x = ptrAt(job, J_X_PTR) + <usize>r0 * rowBytes, y = ptrAt(job, J_OUT_PTR) + <usize>r0 * rowBytes;
  for (let r = r0; r < r1; r++, x += rowBytes, y += rowBytes) {
    for (let c: u32 = 0; c < split; c += 4) {
      const o = <usize>c << 2;
      v128.store(y + o, f32x4.add(f32x4.mul(v128.load(x + o), v128.load(scale + o)), v128.load(shift + o)));
    }
    for (let c = split; c < channels; c++) {
      const o = <usize>c << 2;
      store<f32>(y + o, load<f32>(x + o) * load<f32>(scale + o) + load<f32>(shift + o));
    }
  }
}
