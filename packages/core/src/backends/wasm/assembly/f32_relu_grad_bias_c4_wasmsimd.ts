// Conv backward prologue on dy [rows, channels], one task per channel block: masks dy in place by
// the relu output (dy where y > 0, else +0) and sums the result per channel in float64 (the bias
// gradient), in one pass, so both GEMMs then read the masked dy straight from the heap.
import { J_ACC_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_D_BETA_PTR, J_DY_PTR, J_M, J_MASK_PTR, J_N, J_NTASKS } from '../job_layout';
import { accumulate4, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function reluGradBiasTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), channels = u32At(job, J_N);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_relu_grad_bias_c4_wasmsimd(job, t * block, min<u32>(channels, (t + 1) * block));
  }
}

function f32_relu_grad_bias_c4_wasmsimd(job: usize, c0: u32, c1: u32): void {
  const rows = u32At(job, J_M), rowBytes = <usize>u32At(job, J_N) << 2;
  const dy = ptrAt(job, J_DY_PTR), mask = ptrAt(job, J_MASK_PTR), dBias = ptrAt(job, J_D_BETA_PTR), acc = ptrAt(job, J_ACC_PTR);
  const split = c0 + ((c1 - c0) & ~3);
  const zero = f32x4.splat(0);
  if (dBias) zeroAccumulators(acc, c0, c1);
  for (let r: u32 = 0, q = dy, m = mask; r < rows; r++, q += rowBytes, m += rowBytes) {
    for (let c = c0; c < split; c += 4) {
      const o = <usize>c << 2;
      let g = v128.load(q + o);
      if (mask) {
        // gt is false for NaN, so a NaN output blocks the gradient like the reference's y > 0.
        g = v128.and(g, f32x4.gt(v128.load(m + o), zero));
        v128.store(q + o, g);
      }
      if (dBias) accumulate4(acc + (<usize>c << 3), g);
    }
    for (let c = split; c < c1; c++) {
      const o = <usize>c << 2;
      let g = load<f32>(q + o);
      if (mask) {
        if (!(load<f32>(m + o) > 0)) g = 0;
        store<f32>(q + o, g);
      }
      if (dBias) store<f64>(acc + (<usize>c << 3), load<f64>(acc + (<usize>c << 3)) + <f64>g);
    }
  }
  if (dBias) for (let c = c0; c < c1; c++) store<f32>(dBias + (<usize>c << 2), <f32>load<f64>(acc + (<usize>c << 3)));
}
