// Adam's update in place (scalar wasm, float64 arithmetic, float32 storage): the reference's exact
// operations, so the same bits; one task per block of elements, no reductions.
import { J_CHANNEL_BLOCK, J_COUNTER, J_M, J_NTASKS, J_OUT_PTR, J_X_PTR, J_DY_PTR, J_MEAN_PTR, J_VARIANCE_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function adamTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), n = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_adam_wasm(job, t * block, min<u32>(n, (t + 1) * block));
  }
}

/** J_OUT_PTR w, J_DY_PTR g, J_MEAN_PTR m, J_VARIANCE_PTR v; J_X_PTR: f64 [alpha, 1 - beta1, 1 - beta2, epsilon]. */
function f32_adam_wasm(job: usize, i0: u32, i1: u32): void {
  const w = ptrAt(job, J_OUT_PTR), g = ptrAt(job, J_DY_PTR), m = ptrAt(job, J_MEAN_PTR), v = ptrAt(job, J_VARIANCE_PTR);
  const p = ptrAt(job, J_X_PTR);
  const alpha = load<f64>(p), c1 = load<f64>(p, 8), c2 = load<f64>(p, 16), eps = load<f64>(p, 24);
  for (let i = <usize>i0; i < <usize>i1; i++) {
    const o = i << 2;
    const gi = <f64>load<f32>(g + o);
    const mi = <f32>(<f64>load<f32>(m + o) + (gi - <f64>load<f32>(m + o)) * c1);
    const vi = <f32>(<f64>load<f32>(v + o) + (gi * gi - <f64>load<f32>(v + o)) * c2);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(w + o, <f32>(<f64>load<f32>(w + o) - (<f64>mi * alpha) / (Math.sqrt(<f64>vi) + eps)));
  }
}
