// Conv backward prologue on dy [rows, channels], one task per chunk of contiguous rows: copies dy
// (J_X_PTR) to the private buffer both gradient GEMMs read (J_DY_PTR), masked by the relu output
// when J_MASK_PTR is set (dy where y > 0, else +0), and sums each chunk's rows per channel in
// float64 into J_ACC_PTR + chunk * C when it is set; the JS side adds the chunks in order.
import { J_ACC_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_DY_PTR, J_M, J_MASK_PTR, J_N, J_NTASKS, J_X_PTR } from '../job_layout';
import { SUM_ROW_BLOCK, zeroAccumulators } from './f64_accumulate';
import { claimTask, ptrAt, u32At } from './job';

export function reluGradBiasTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), rows = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_relu_grad_bias_c4_wasmsimd(job, t, t * block, min<u32>(rows, (t + 1) * block));
  }
}

// Rows in blocks of SUM_ROW_BLOCK, and within a block a cache line of channels (16) at a time: the
// bias sums stay in registers over the block (a load and store of the accumulators per row
// measured 1.2x instead of 2x on 2 threads), and every store fills whole lines.

/** g masked by the relu output at m (when there is a mask). gt is false for NaN, so a NaN output blocks the gradient like the reference's y > 0. */
@inline function masked(g: v128, m: usize, hasMask: bool): v128 {
  return hasMask ? v128.and(g, f32x4.gt(v128.load(m), f32x4.splat(0))) : g;
}

@inline function addLow(a: v128, g: v128): v128 {
  return f64x2.add(a, f64x2.promote_low_f32x4(g));
}

@inline function addHigh(a: v128, g: v128): v128 {
  return f64x2.add(a, f64x2.promote_low_f32x4(v128.shuffle<f32>(g, g, 2, 3, 2, 3)));
}

function f32_relu_grad_bias_c4_wasmsimd(job: usize, t: u32, r0: u32, r1: u32): void {
  const channels = u32At(job, J_N), rowBytes = <usize>channels << 2;
  const accBase = ptrAt(job, J_ACC_PTR), mask = ptrAt(job, J_MASK_PTR), hasMask = mask != 0;
  const acc = accBase + (<usize>t * <usize>channels << 3);
  const lines = channels & ~15, split = channels & ~3;
  if (accBase) zeroAccumulators(acc, 0, channels);
  const x = ptrAt(job, J_X_PTR), dy = ptrAt(job, J_DY_PTR);
  for (let b0 = r0; b0 < r1; b0 += SUM_ROW_BLOCK) {
    const b1 = min<u32>(r1, b0 + SUM_ROW_BLOCK), off = <usize>b0 * rowBytes;
    let c: u32 = 0;
    for (; c < lines; c += 16) {
      const o = off + (<usize>c << 2);
      let p = x + o, q = dy + o, m = mask + o;
      const a = acc + (<usize>c << 3);
      let a0 = v128.load(a), a1 = v128.load(a, 16), a2 = v128.load(a, 32), a3 = v128.load(a, 48);
      let a4 = v128.load(a, 64), a5 = v128.load(a, 80), a6 = v128.load(a, 96), a7 = v128.load(a, 112);
      for (let r = b0; r < b1; r++, p += rowBytes, q += rowBytes, m += rowBytes) {
        const g0 = masked(v128.load(p), m, hasMask), g1 = masked(v128.load(p, 16), m + 16, hasMask);
        const g2 = masked(v128.load(p, 32), m + 32, hasMask), g3 = masked(v128.load(p, 48), m + 48, hasMask);
        v128.store(q, g0);
        v128.store(q, g1, 16);
        v128.store(q, g2, 32);
        v128.store(q, g3, 48);
        a0 = addLow(a0, g0);
        a1 = addHigh(a1, g0);
        a2 = addLow(a2, g1);
        a3 = addHigh(a3, g1);
        a4 = addLow(a4, g2);
        a5 = addHigh(a5, g2);
        a6 = addLow(a6, g3);
        a7 = addHigh(a7, g3);
      }
      if (accBase) {
        v128.store(a, a0);
        v128.store(a, a1, 16);
        v128.store(a, a2, 32);
        v128.store(a, a3, 48);
        v128.store(a, a4, 64);
        v128.store(a, a5, 80);
        v128.store(a, a6, 96);
        v128.store(a, a7, 112);
      }
    }
    for (; c < split; c += 4) {
      const o = off + (<usize>c << 2);
      let p = x + o, q = dy + o, m = mask + o;
      const a = acc + (<usize>c << 3);
      let lo = v128.load(a), hi = v128.load(a, 16);
      for (let r = b0; r < b1; r++, p += rowBytes, q += rowBytes, m += rowBytes) {
        const g = masked(v128.load(p), m, hasMask);
        v128.store(q, g);
        lo = addLow(lo, g);
        hi = addHigh(hi, g);
      }
      if (accBase) {
        v128.store(a, lo);
        v128.store(a, hi, 16);
      }
    }
    for (; c < channels; c++) {
      const o = off + (<usize>c << 2);
      let p = x + o, q = dy + o, m = mask + o;
      const a = acc + (<usize>c << 3);
      let s = accBase ? load<f64>(a) : 0;
      for (let r = b0; r < b1; r++, p += rowBytes, q += rowBytes, m += rowBytes) {
        let g = load<f32>(p);
        if (hasMask && !(load<f32>(m) > 0)) g = 0;
        store<f32>(q, g);
        s += <f64>g;
      }
      if (accBase) store<f64>(a, s);
    }
  }
}
