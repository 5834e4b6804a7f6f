// Layer norm backward on [rows, features], f32x4 over features, one task per chunk of rows
// (row_chunks.ts). Each row: with g = dy * gamma, dx = invStd * ((g - mean(g)) - xhat * mean(g * xhat)),
// the row sums in the forward's fixed float64 order, g and xhat recomputed in f32 (xhat as the
// forward computed it). Each chunk also writes its float64 sums of dy and dy * xhat per feature
// (ACC + chunk * 2N f64), which the JS side adds in chunk order into dBeta and dGamma.
import {
  J_ACC_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_DY_PTR, J_GAMMA_PTR, J_INV_STD_PTR, J_M, J_MEAN_PTR, J_N, J_NTASKS,
  J_OUT_PTR, J_X_PTR,
} from '../job_layout';
import { accumulate4, accumulateProduct4, zeroAccumulators } from './f64_accumulate';
import { high, pairwiseTotal } from './f32_layer_norm_forward_c4_wasmsimd';
import { claimTask, ptrAt, u32At } from './job';

export function layerNormBackwardTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    const r0 = t * block, r1 = min<u32>(rows, r0 + block);
    for (let r = r0; r < r1; r++) f32_layer_norm_input_grad_c4_wasmsimd(job, r);
    f32_layer_norm_param_grad_c4_wasmsimd(job, t, r0, r1);
  }
}

@inline function xhat4(x: usize, o: usize, m4: v128, s4: v128): v128 {
  return f32x4.mul(f32x4.sub(v128.load(x + o), m4), s4);
}

function f32_layer_norm_input_grad_c4_wasmsimd(job: usize, r: u32): void {
  const n = u32At(job, J_N), rowBytes = <usize>n << 2, split = n & ~3;
  const x = ptrAt(job, J_X_PTR) + <usize>r * rowBytes, dy = ptrAt(job, J_DY_PTR) + <usize>r * rowBytes;
  const dx = ptrAt(job, J_OUT_PTR) + <usize>r * rowBytes, gamma = ptrAt(job, J_GAMMA_PTR);
  const mean = load<f32>(ptrAt(job, J_MEAN_PTR) + (<usize>r << 2)), invStd = load<f32>(ptrAt(job, J_INV_STD_PTR) + (<usize>r << 2));
  const m4 = f32x4.splat(mean), s4 = f32x4.splat(invStd);
  let gl = f64x2.splat(0), gh = f64x2.splat(0), pl = f64x2.splat(0), ph = f64x2.splat(0);
  for (let j: u32 = 0; j < split; j += 4) {
    const o = <usize>j << 2;
    const g = f32x4.mul(v128.load(dy + o), v128.load(gamma + o)), h = xhat4(x, o, m4, s4);
    const gLo = f64x2.promote_low_f32x4(g), gHi = f64x2.promote_low_f32x4(high(g));
    gl = f64x2.add(gl, gLo);
    gh = f64x2.add(gh, gHi);
    pl = f64x2.add(pl, f64x2.mul(gLo, f64x2.promote_low_f32x4(h)));
    ph = f64x2.add(ph, f64x2.mul(gHi, f64x2.promote_low_f32x4(high(h))));
  }
  let sumG = pairwiseTotal(gl, gh), sumGH = pairwiseTotal(pl, ph);
  for (let j = split; j < n; j++) {
    const o = <usize>j << 2;
    const g = load<f32>(dy + o) * load<f32>(gamma + o), h = (load<f32>(x + o) - mean) * invStd;
    sumG += <f64>g;
    sumGH += <f64>g * <f64>h;
  }
  const meanG = <f32>(sumG / <f64>n), meanGH = <f32>(sumGH / <f64>n);
  const mg4 = f32x4.splat(meanG), mgh4 = f32x4.splat(meanGH);
  for (let j: u32 = 0; j < split; j += 4) {
    const o = <usize>j << 2;
    const g = f32x4.mul(v128.load(dy + o), v128.load(gamma + o)), h = xhat4(x, o, m4, s4);
    v128.store(dx + o, f32x4.mul(s4, f32x4.sub(f32x4.sub(g, mg4), f32x4.mul(h, mgh4))));
  }
  for (let j = split; j < n; j++) {
    const o = <usize>j << 2;
    const g = load<f32>(dy + o) * load<f32>(gamma + o), h = (load<f32>(x + o) - mean) * invStd;
    store<f32>(dx + o, invStd * ((g - meanG) - h * meanGH));
  }
}

/** Chunk t's float64 sums over rows [r0, r1) of dy, then of dy * xhat, per feature: 2N f64 at ACC + t * 2N. */
function f32_layer_norm_param_grad_c4_wasmsimd(job: usize, t: u32, r0: u32, r1: u32): void {
  const n = u32At(job, J_N), rowBytes = <usize>n << 2, split = n & ~3;
  const sumDy = ptrAt(job, J_ACC_PTR) + (<usize>t * <usize>n << 4), sumDyH = sumDy + (<usize>n << 3);
  const meanP = ptrAt(job, J_MEAN_PTR), invStdP = ptrAt(job, J_INV_STD_PTR);
  zeroAccumulators(sumDy, 0, n << 1);
  let p = ptrAt(job, J_X_PTR) + <usize>r0 * rowBytes, q = ptrAt(job, J_DY_PTR) + <usize>r0 * rowBytes;
  for (let r = r0; r < r1; r++, p += rowBytes, q += rowBytes) {
    const mean = load<f32>(meanP + (<usize>r << 2)), invStd = load<f32>(invStdP + (<usize>r << 2));
    const m4 = f32x4.splat(mean), s4 = f32x4.splat(invStd);
    for (let c: u32 = 0; c < split; c += 4) {
      const o = <usize>c << 2, a = <usize>c << 3;
      const g = v128.load(q + o);
      accumulate4(sumDy + a, g);
      accumulateProduct4(sumDyH + a, g, xhat4(p, o, m4, s4));
    }
    for (let c = split; c < n; c++) {
      const o = <usize>c << 2, a = <usize>c << 3;
      const g = load<f32>(q + o), h = (load<f32>(p + o) - mean) * invStd;
      store<f64>(sumDy + a, load<f64>(sumDy + a) + <f64>g);
      store<f64>(sumDyH + a, load<f64>(sumDyH + a) + <f64>g * <f64>h);
    }
  }
}
