// Layer norm forward on [rows, features], one task per block of rows, f32x4 over features.
// Each row's mean and biased variance are float64 sums in a fixed order (f64x2 lanes hold four
// interleaved partial sums over the whole vectors, added pairwise, then the tail): the reference
// kernel's order, so rows give the same bits on every backend and for any row blocking.
import { J_BETA_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_EPSILON_PTR, J_GAMMA_PTR, J_INV_STD_PTR, J_M, J_MEAN_PTR, J_N, J_NTASKS, J_OUT_PTR, J_X_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function layerNormForwardTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    for (let r = t * block, end = min<u32>(rows, r + block); r < end; r++) f32_layer_norm_forward_c4_wasmsimd(job, r);
  }
}

/** ((s0 + s1) + (s2 + s3)) of the lanes of two f64x2 accumulators. */
@inline export function pairwiseTotal(lo: v128, hi: v128): f64 {
  return (f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1)) + (f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1));
}

@inline export function high(v: v128): v128 {
  return v128.shuffle<f32>(v, v, 2, 3, 2, 3);
}

/** Sum of the row's n f32 values in the fixed order. */
export function rowSum(p: usize, n: u32): f64 {
  const split = n & ~3;
  let lo = f64x2.splat(0), hi = f64x2.splat(0);
  for (let j: u32 = 0; j < split; j += 4) {
    const v = v128.load(p + (<usize>j << 2));
    lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
    hi = f64x2.add(hi, f64x2.promote_low_f32x4(high(v)));
  }
  let s = pairwiseTotal(lo, hi);
  for (let j = split; j < n; j++) s += <f64>load<f32>(p + (<usize>j << 2));
  return s;
}

function f32_layer_norm_forward_c4_wasmsimd(job: usize, r: u32): void {
  const n = u32At(job, J_N), rowBytes = <usize>n << 2, split = n & ~3;
  const x = ptrAt(job, J_X_PTR) + <usize>r * rowBytes, y = ptrAt(job, J_OUT_PTR) + <usize>r * rowBytes;
  const gamma = ptrAt(job, J_GAMMA_PTR), beta = ptrAt(job, J_BETA_PTR);
  const mean = <f32>(rowSum(x, n) / <f64>n);
  const m = <f64>mean, m4 = f32x4.splat(mean), m2 = f64x2.splat(m);
  let lo = f64x2.splat(0), hi = f64x2.splat(0);
  for (let j: u32 = 0; j < split; j += 4) {
    const v = v128.load(x + (<usize>j << 2));
    const dl = f64x2.sub(f64x2.promote_low_f32x4(v), m2), dh = f64x2.sub(f64x2.promote_low_f32x4(high(v)), m2);
    lo = f64x2.add(lo, f64x2.mul(dl, dl));
    hi = f64x2.add(hi, f64x2.mul(dh, dh));
  }
  let sq = pairwiseTotal(lo, hi);
  for (let j = split; j < n; j++) {
    const d = <f64>load<f32>(x + (<usize>j << 2)) - m;
    sq += d * d;
  }
  const variance = <f32>(sq / <f64>n);
  const invStd = <f32>(1.0 / Math.sqrt(<f64>variance + load<f64>(ptrAt(job, J_EPSILON_PTR))));
  store<f32>(ptrAt(job, J_MEAN_PTR) + (<usize>r << 2), mean);
  store<f32>(ptrAt(job, J_INV_STD_PTR) + (<usize>r << 2), invStd);
  const s4 = f32x4.splat(invStd);
  for (let j: u32 = 0; j < split; j += 4) {
    const o = <usize>j << 2;
    const h = f32x4.mul(f32x4.sub(v128.load(x + o), m4), s4);
    v128.store(y + o, f32x4.add(f32x4.mul(v128.load(gamma + o), h), v128.load(beta + o)));
  }
  for (let j = split; j < n; j++) {
    const o = <usize>j << 2;
    const h = (load<f32>(x + o) - mean) * invStd;
    store<f32>(y + o, load<f32>(gamma + o) * h + load<f32>(beta + o));
  }
}
