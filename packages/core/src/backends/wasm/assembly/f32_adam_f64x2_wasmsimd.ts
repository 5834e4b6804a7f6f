// Adam's update in place (float64 arithmetic, two lanes per f64x2, float32 storage): the
// reference's exact operations, so the same bits; one task per block of one variable's elements,
// all of a step's variables in one job, no reductions.
import {
  ADAM_ENTRY_WORDS, ADAM_FIRST_TASK, ADAM_G, ADAM_LENGTH, ADAM_M, ADAM_V, ADAM_V_HAT, ADAM_W,
  J_A_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_M, J_NTASKS, J_X_PTR,
} from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function adamTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), entries = u32At(job, J_M);
  const table = ptrAt(job, J_A_PTR), params = ptrAt(job, J_X_PTR);
  let entry: u32 = 0;
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    // Tasks are claimed in increasing order: the entry only moves forward.
    while (entry + 1 < entries && load<u32>(table + ((<usize>(entry + 1) * ADAM_ENTRY_WORDS + ADAM_FIRST_TASK) << 2)) <= t) entry++;
    const e = table + ((<usize>entry * ADAM_ENTRY_WORDS) << 2);
    const n = load<u32>(e + (ADAM_LENGTH << 2));
    const i0 = (t - load<u32>(e + (ADAM_FIRST_TASK << 2))) * block;
    f32_adam_f64x2_wasmsimd(e, params, i0, min<u32>(n, i0 + block));
  }
}

/** Lanes 0, 1 (lo) or 2, 3 (hi) of an f32x4, in float64. */
@inline function lo(x: v128): v128 { return f64x2.promote_low_f32x4(x); }
@inline function hi(x: v128): v128 { return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3)); }
/** Two f64x2 rounded to float32, as one f32x4. */
@inline function join(a: v128, b: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 1, 4, 5);
}

/** Elements [i0, i1) of the variable at table entry `e`; `p`: f64 [alpha, 1 - beta1, 1 - beta2, epsilon]. */
function f32_adam_f64x2_wasmsimd(e: usize, p: usize, i0: u32, i1: u32): void {
  const w = <usize>load<u32>(e + (ADAM_W << 2)), g = <usize>load<u32>(e + (ADAM_G << 2));
  const m = <usize>load<u32>(e + (ADAM_M << 2)), v = <usize>load<u32>(e + (ADAM_V << 2));
  const vHat = <usize>load<u32>(e + (ADAM_V_HAT << 2));
  const alpha = load<f64>(p), c1 = load<f64>(p, 8), c2 = load<f64>(p, 16), eps = load<f64>(p, 24);
  const a2 = f64x2.splat(alpha), c12 = f64x2.splat(c1), c22 = f64x2.splat(c2), e2 = f64x2.splat(eps);
  let i = <usize>i0;
  for (; i + 4 <= <usize>i1; i += 4) {
    const o = i << 2;
    const G = v128.load(g + o), M = v128.load(m + o), V = v128.load(v + o), W = v128.load(w + o);
    const gl = lo(G), gh = hi(G), ml = lo(M), mh = hi(M), vl = lo(V), vh = hi(V);
    const mi = join(f64x2.add(ml, f64x2.mul(f64x2.sub(gl, ml), c12)), f64x2.add(mh, f64x2.mul(f64x2.sub(gh, mh), c12)));
    let vi = join(
      f64x2.add(vl, f64x2.mul(f64x2.sub(f64x2.mul(gl, gl), vl), c22)),
      f64x2.add(vh, f64x2.mul(f64x2.sub(f64x2.mul(gh, gh), vh), c22)),
    );
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    if (vHat != 0) {
      // pmax(vHat, v) = vHat < v ? v : vHat: a NaN v leaves vHat, as the reference's comparison.
      vi = f32x4.pmax(v128.load(vHat + o), vi);
      v128.store(vHat + o, vi);
    }
    const wl = f64x2.sub(lo(W), f64x2.div(f64x2.mul(lo(mi), a2), f64x2.add(f64x2.sqrt(lo(vi)), e2)));
    const wh = f64x2.sub(hi(W), f64x2.div(f64x2.mul(hi(mi), a2), f64x2.add(f64x2.sqrt(hi(vi)), e2)));
    v128.store(w + o, join(wl, wh));
  }
  for (; i < <usize>i1; i++) {
    const o = i << 2;
    const gi = <f64>load<f32>(g + o);
    const mi = <f32>(<f64>load<f32>(m + o) + (gi - <f64>load<f32>(m + o)) * c1);
    let vi = <f32>(<f64>load<f32>(v + o) + (gi * gi - <f64>load<f32>(v + o)) * c2);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    if (vHat != 0) {
      const previous = load<f32>(vHat + o);
      if (!(vi > previous)) vi = previous;
      store<f32>(vHat + o, vi);
    }
    store<f32>(w + o, <f32>(<f64>load<f32>(w + o) - (<f64>mi * alpha) / (Math.sqrt(<f64>vi) + eps)));
  }
}
