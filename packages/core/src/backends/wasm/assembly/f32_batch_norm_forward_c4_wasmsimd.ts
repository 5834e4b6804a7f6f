// Batch-norm forward on [rows, channels], 4 channels per f32x4, one task per chunk of rows (rows
// are contiguous, so each task streams its own memory). Three phases (J_FLAGS), the JS side
// combining the chunks' float64 partial sums in chunk order between them:
// 0: per-chunk sums of x; 1: per-chunk sums of (x - mean)²; 2: y = gamma * ((x - mean) * invStd) + beta.
import {
  J_ACC_PTR, J_BETA_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_FLAGS, J_GAMMA_PTR, J_INV_STD_PTR, J_M, J_MEAN_PTR, J_N, J_NTASKS,
  J_OUT_PTR, J_X_PTR,
} from '../job_layout';
import { SUM_ROW_BLOCK, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function batchNormForwardTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M), phase = u32At(job, J_FLAGS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    const r0 = t * block, r1 = min<u32>(rows, r0 + block);
    if (phase == 2) f32_batch_norm_normalize_c4_wasmsimd(job, r0, r1);
    else f32_batch_norm_sums_c4_wasmsimd(job, t, r0, r1, phase == 1);
  }
}

/**
 * Chunk t's float64 sums over rows [r0, r1) per channel: of x, or of (x - mean)² when `deviations`.
 * Rows in blocks of SUM_ROW_BLOCK, four channels at a time within a block, so the sums stay in
 * registers over the block (each channel still summed row by row: the reference's order and bits).
 */
function f32_batch_norm_sums_c4_wasmsimd(job: usize, t: u32, r0: u32, r1: u32, deviations: bool): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const mean = ptrAt(job, J_MEAN_PTR), acc = ptrAt(job, J_ACC_PTR) + (<usize>t * <usize>channels << 3);
  const split = channels & ~3;
  const x = ptrAt(job, J_X_PTR);
  zeroAccumulators(acc, 0, channels);
  for (let b0 = r0; b0 < r1; b0 += SUM_ROW_BLOCK) {
    const b1 = min<u32>(r1, b0 + SUM_ROW_BLOCK), off = <usize>b0 * rowBytes;
    for (let c: u32 = 0; c < split; c += 4) {
      const a = acc + (<usize>c << 3);
      let lo = v128.load(a), hi = v128.load(a, 16);
      let p = x + off + (<usize>c << 2);
      if (deviations) {
        const m = v128.load(mean + (<usize>c << 2));
        const ml = f64x2.promote_low_f32x4(m), mh = f64x2.promote_low_f32x4(v128.shuffle<f32>(m, m, 2, 3, 2, 3));
        for (let r = b0; r < b1; r++, p += rowBytes) {
          const v = v128.load(p);
          const dl = f64x2.sub(f64x2.promote_low_f32x4(v), ml), dh = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)), mh);
          lo = f64x2.add(lo, f64x2.mul(dl, dl));
          hi = f64x2.add(hi, f64x2.mul(dh, dh));
        }
      } else {
        for (let r = b0; r < b1; r++, p += rowBytes) {
          const v = v128.load(p);
          lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
          hi = f64x2.add(hi, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)));
        }
      }
      v128.store(a, lo);
      v128.store(a, hi, 16);
    }
    for (let c = split; c < channels; c++) {
      const a = acc + (<usize>c << 3), m = <f64>load<f32>(mean + (<usize>c << 2));
      let s = load<f64>(a);
      let p = x + off + (<usize>c << 2);
      for (let r = b0; r < b1; r++, p += rowBytes) {
        if (deviations) {
          const d = <f64>load<f32>(p) - m;
          s += d * d;
        } else {
          s += <f64>load<f32>(p);
        }
      }
      store<f64>(a, s);
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
