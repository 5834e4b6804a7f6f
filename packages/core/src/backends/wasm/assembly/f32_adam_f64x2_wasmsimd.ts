// Adam's update in place (float64 arithmetic, two lanes per f64x2, float32 storage): the
// reference's exact operations, so the same bits; one task per block of elements, no reductions.
import { J_CHANNEL_BLOCK, J_COUNTER, J_M, J_NTASKS, J_OUT_PTR, J_X_PTR, J_DY_PTR, J_MEAN_PTR, J_VARIANCE_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function adamTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), n = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_adam_f64x2_wasmsimd(job, t * block, min<u32>(n, (t + 1) * block));
  }
}

/** Lanes 0, 1 (lo) or 2, 3 (hi) of an f32x4, in float64. */
@inline function lo(x: v128): v128 { return f64x2.promote_low_f32x4(x); }
@inline function hi(x: v128): v128 { return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3)); }
/** Two f64x2 rounded to float32, as one f32x4. */
@inline function join(a: v128, b: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 1, 4, 5);
}

/** J_OUT_PTR w, J_DY_PTR g, J_MEAN_PTR m, J_VARIANCE_PTR v; J_X_PTR: f64 [alpha, 1 - beta1, 1 - beta2, epsilon]. */
function f32_adam_f64x2_wasmsimd(job: usize, i0: u32, i1: u32): void {
  const w = ptrAt(job, J_OUT_PTR), g = ptrAt(job, J_DY_PTR), m = ptrAt(job, J_MEAN_PTR), v = ptrAt(job, J_VARIANCE_PTR);
  const p = ptrAt(job, J_X_PTR);
  const alpha = load<f64>(p), c1 = load<f64>(p, 8), c2 = load<f64>(p, 16), eps = load<f64>(p, 24);
  const a2 = f64x2.splat(alpha), c12 = f64x2.splat(c1), c22 = f64x2.splat(c2), e2 = f64x2.splat(eps);
  let i = <usize>i0;
  for (; i + 4 <= <usize>i1; i += 4) {
    const o = i << 2;
    const G = v128.load(g + o), M = v128.load(m + o), V = v128.load(v + o), W = v128.load(w + o);
    const gl = lo(G), gh = hi(G), ml = lo(M), mh = hi(M), vl = lo(V), vh = hi(V);
    const mi = join(f64x2.add(ml, f64x2.mul(f64x2.sub(gl, ml), c12)), f64x2.add(mh, f64x2.mul(f64x2.sub(gh, mh), c12)));
    const vi = join(
      f64x2.add(vl, f64x2.mul(f64x2.sub(f64x2.mul(gl, gl), vl), c22)),
      f64x2.add(vh, f64x2.mul(f64x2.sub(f64x2.mul(gh, gh), vh), c22)),
    );
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const wl = f64x2.sub(lo(W), f64x2.div(f64x2.mul(lo(mi), a2), f64x2.add(f64x2.sqrt(lo(vi)), e2)));
    const wh = f64x2.sub(hi(W), f64x2.div(f64x2.mul(hi(mi), a2), f64x2.add(f64x2.sqrt(hi(vi)), e2)));
    v128.store(w + o, join(wl, wh));
  }
  for (; i < <usize>i1; i++) {
    const o = i << 2;
    const gi = <f64>load<f32>(g + o);
    const mi = <f32>(<f64>load<f32>(m + o) + (gi - <f64>load<f32>(m + o)) * c1);
    const vi = <f32>(<f64>load<f32>(v + o) + (gi * gi - <f64>load<f32>(v + o)) * c2);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(w + o, <f32>(<f64>load<f32>(w + o) - (<f64>mi * alpha) / (Math.sqrt(<f64>vi) + eps)));
  }
}
