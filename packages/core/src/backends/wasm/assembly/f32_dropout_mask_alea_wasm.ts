// Inverted-dropout mask from the Alea generator (scalar wasm, float64): the exact draws of the
// JS Alea in src/alea.ts, in order, so both backends and every thread count give the same mask.
// The generator is sequential: one task, on the calling thread.
import { J_M, J_OUT_PTR, J_X_PTR } from '../job_layout';
import { ptrAt, u32At } from './job';

/** J_X_PTR: f64 [c, s0, s1, s2, keep, scale] in, state written back; J_M draws; mask at J_OUT_PTR. */
export function f32_dropout_mask_alea_wasm(job: usize): void {
  const p = ptrAt(job, J_X_PTR), n = <usize>u32At(job, J_M), mask = ptrAt(job, J_OUT_PTR);
  let c = load<f64>(p), s0 = load<f64>(p, 8), s1 = load<f64>(p, 16), s2 = load<f64>(p, 24);
  const keep = load<f64>(p, 32), scale = <f32>load<f64>(p, 40);
  for (let i: usize = 0; i < n; i++) {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = <f64>(<i32>t); // t < 2091640: truncation is the JS `t | 0`
    s2 = t - c;
    store<f32>(mask + (i << 2), s2 < keep ? scale : 0);
  }
  store<f64>(p, c);
  store<f64>(p, s0, 8);
  store<f64>(p, s1, 16);
  store<f64>(p, s2, 24);
}
