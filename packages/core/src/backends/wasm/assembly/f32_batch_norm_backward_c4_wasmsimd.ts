// Batch-norm backward on [rows, channels], 4 channels per f32x4, one task per chunk of rows.
// Phase 0 (J_FLAGS): per-chunk float64 sums of dy and dy * xhat (xhat recomputed in f32 from x,
// mean and invStd, as the forward computed it), which the JS side combines in chunk order into
// the coefficients; phase 1: dx = scale * ((dy - mean(dy)) - xhat * mean(dy * xhat)).
import {
  J_ACC_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_DY_PTR, J_FLAGS, J_GAMMA_PTR, J_INV_STD_PTR, J_M, J_MEAN_PTR, J_N, J_NTASKS,
  J_OUT_PTR, J_VARIANCE_PTR, J_BETA_PTR, J_X_PTR,
} from '../job_layout';
import { SUM_ROW_BLOCK, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function batchNormBackwardTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M), phase = u32At(job, J_FLAGS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    const r0 = t * block, r1 = min<u32>(rows, r0 + block);
    if (phase == 1) f32_batch_norm_input_grad_c4_wasmsimd(job, r0, r1);
    else f32_batch_norm_grad_sums_c4_wasmsimd(job, t, r0, r1);
  }
}

/**
 * Chunk t's sums of dy, then of dy * xhat: 2 * C f64 at ACC + t * 2C. Rows in blocks of
 * SUM_ROW_BLOCK, four channels at a time, the sums in registers over a block (row order kept).
 */
function f32_batch_norm_grad_sums_c4_wasmsimd(job: usize, t: u32, r0: u32, r1: u32): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const mean = ptrAt(job, J_MEAN_PTR), invStd = ptrAt(job, J_INV_STD_PTR);
  const sumDy = ptrAt(job, J_ACC_PTR) + (<usize>t * <usize>channels << 4), sumDyXhat = sumDy + (<usize>channels << 3);
  const split = channels & ~3;
  const x = ptrAt(job, J_X_PTR), dy = ptrAt(job, J_DY_PTR);
  zeroAccumulators(sumDy, 0, channels << 1);
  for (let b0 = r0; b0 < r1; b0 += SUM_ROW_BLOCK) {
    const b1 = min<u32>(r1, b0 + SUM_ROW_BLOCK), off = <usize>b0 * rowBytes;
    for (let c: u32 = 0; c < split; c += 4) {
      const o = <usize>c << 2, a = <usize>c << 3;
      const m = v128.load(mean + o), s = v128.load(invStd + o);
      let gl = v128.load(sumDy + a), gh = v128.load(sumDy + a, 16);
      let hl = v128.load(sumDyXhat + a), hh = v128.load(sumDyXhat + a, 16);
      let p = x + off + o, q = dy + off + o;
      for (let r = b0; r < b1; r++, p += rowBytes, q += rowBytes) {
        const g = v128.load(q);
        const h = f32x4.mul(f32x4.sub(v128.load(p), m), s);
        const g0 = f64x2.promote_low_f32x4(g), g1 = f64x2.promote_low_f32x4(v128.shuffle<f32>(g, g, 2, 3, 2, 3));
        gl = f64x2.add(gl, g0);
        gh = f64x2.add(gh, g1);
        hl = f64x2.add(hl, f64x2.mul(g0, f64x2.promote_low_f32x4(h)));
        hh = f64x2.add(hh, f64x2.mul(g1, f64x2.promote_low_f32x4(v128.shuffle<f32>(h, h, 2, 3, 2, 3))));
      }
      v128.store(sumDy + a, gl);
      v128.store(sumDy + a, gh, 16);
      v128.store(sumDyXhat + a, hl);
      v128.store(sumDyXhat + a, hh, 16);
    }
    for (let c = split; c < channels; c++) {
      const o = <usize>c << 2, a = <usize>c << 3;
      const m = load<f32>(mean + o), s = load<f32>(invStd + o);
      let sg = load<f64>(sumDy + a), sh = load<f64>(sumDyXhat + a);
      let p = x + off + o, q = dy + off + o;
      for (let r = b0; r < b1; r++, p += rowBytes, q += rowBytes) {
        const g = load<f32>(q);
        const h = (load<f32>(p) - m) * s;
        sg += <f64>g;
        sh += <f64>g * <f64>h;
      }
      store<f64>(sumDy + a, sg);
      store<f64>(sumDyXhat + a, sh);
    }
  }
}

/** dx over rows [r0, r1); the coefficients scale, mean(dy), mean(dy * xhat) are at GAMMA, VARIANCE, BETA. */
function f32_batch_norm_input_grad_c4_wasmsimd(job: usize, r0: u32, r1: u32): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const mean = ptrAt(job, J_MEAN_PTR), invStd = ptrAt(job, J_INV_STD_PTR);
  const scale = ptrAt(job, J_GAMMA_PTR), meanDy = ptrAt(job, J_VARIANCE_PTR), meanDyXhat = ptrAt(job, J_BETA_PTR);
  const split = channels & ~3;
  const off = <usize>r0 * rowBytes;
  let p = ptrAt(job, J_X_PTR) + off, q = ptrAt(job, J_DY_PTR) + off, d = ptrAt(job, J_OUT_PTR) + off;
  for (let r = r0; r < r1; r++, p += rowBytes, q += rowBytes, d += rowBytes) {
    for (let c: u32 = 0; c < split; c += 4) {
      const o = <usize>c << 2;
      const h = f32x4.mul(f32x4.sub(v128.load(p + o), v128.load(mean + o)), v128.load(invStd + o));
      const centred = f32x4.sub(f32x4.sub(v128.load(q + o), v128.load(meanDy + o)), f32x4.mul(h, v128.load(meanDyXhat + o)));
      v128.store(d + o, f32x4.mul(v128.load(scale + o), centred));
    }
    for (let c = split; c < channels; c++) {
      const o = <usize>c << 2;
      const h = (load<f32>(p + o) - load<f32>(mean + o)) * load<f32>(invStd + o);
      const centred = (load<f32>(q + o) - load<f32>(meanDy + o)) - h * load<f32>(meanDyXhat + o);
      store<f32>(d + o, load<f32>(scale + o) * centred);
    }
  }
}
