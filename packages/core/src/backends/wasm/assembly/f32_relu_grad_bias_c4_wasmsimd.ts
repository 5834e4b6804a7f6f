// Conv backward prologue on dy [rows, channels], one task per chunk of contiguous rows: copies dy
// (J_X_PTR) to the private buffer both gradient GEMMs read (J_DY_PTR), masked by the relu output
// when J_MASK_PTR is set (dy where y > 0, else +0), and sums each chunk's rows per channel in
// float64 into J_ACC_PTR + chunk * C when it is set; the JS side adds the chunks in order.
import { J_ACC_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_DY_PTR, J_M, J_MASK_PTR, J_N, J_NTASKS, J_X_PTR } from '../job_layout';
import { accumulate4, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function reluGradBiasTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_relu_grad_bias_c4_wasmsimd(job, t, t * block, min<u32>(rows, (t + 1) * block));
  }
}

function f32_relu_grad_bias_c4_wasmsimd(job: usize, t: u32, r0: u32, r1: u32): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2, off = <usize>r0 * rowBytes;
  const accBase = ptrAt(job, J_ACC_PTR), mask = ptrAt(job, J_MASK_PTR);
  const acc = accBase + (<usize>t * <usize>channels << 3);
  const split = channels & ~3;
  const zero = f32x4.splat(0);
  if (accBase) zeroAccumulators(acc, 0, channels);
  let p = ptrAt(job, J_X_PTR) + off, q = ptrAt(job, J_DY_PTR) + off, m = mask + off;
  for (let r = r0; r < r1; r++, p += rowBytes, q += rowBytes, m += rowBytes) {
    for (let c: u32 = 0; c < split; c += 4) {
      const o = <usize>c << 2;
      let g = v128.load(p + o);
      // gt is false for NaN, so a NaN output blocks the gradient like the reference's y > 0.
      if (mask) g = v128.and(g, f32x4.gt(v128.load(m + o), zero));
      v128.store(q + o, g);
      if (accBase) accumulate4(acc + (<usize>c << 3), g);
    }
    for (let c = split; c < channels; c++) {
      const o = <usize>c << 2;
      let g = load<f32>(p + o);
      if (mask && !(load<f32>(m + o) > 0)) g = 0;
      store<f32>(q + o, g);
      if (accBase) store<f64>(acc + (<usize>c << 3), load<f64>(acc + (<usize>c << 3)) + <f64>g);
    }
  }
}
