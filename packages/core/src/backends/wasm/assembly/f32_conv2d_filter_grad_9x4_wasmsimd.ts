// Filter gradient of a dense conv with few filter rows (kh * kw * inC <= a few nines: the first
// layer of an image model), which the packed GEMM handles badly: its m is tiny, so packing A and B
// costs more than the product and the whole reduction is one task. Here dw[q, o] = sum over output
// pixels of x[source(pixel, q)] * dy[pixel, o] is accumulated directly: nine filter rows q at a time
// against four output channels, nine f32x4 accumulators, x splatted from a zero-padded copy of the
// rows the output row reads (so the inner loop has no bounds checks).
// Each task sums a chunk of output rows (the chunk size is fixed by the problem, see conv2d.ts)
// into its own partial; OP_SUM_CHUNKS then adds the partials in chunk order, so every thread count
// gives the same bits.
import {
  J_A_PTR, J_COUNTER, J_DY_PTR, J_GRID_W, J_K, J_M, J_N, J_NTASKS, J_POOL_H, J_POOL_W, J_SCRATCH_PTR, J_SCRATCH_STRIDE,
  J_SRC_C, J_STRIDE_W, J_X_TAP, J_Y_PTR,
} from '../job_layout';
import { madd } from './f32_gemm_4x8_wasmsimd';
import { outputRows, padInputRows, paddedRowFloats, rowOffset } from './conv_rows';
import { claimTask, i32At, ptrAt, u32At } from './job';

/** Filter rows per pass: nine accumulators, the dy vector and a splat fit x86-64's 16 xmm registers. */
const ROWS = 9;

export function convFilterGradTasks(job: usize, tid: u32): void {
  const ntasks = u32At(job, J_NTASKS);
  const scratch = ptrAt(job, J_SCRATCH_PTR) + <usize>tid * u32At(job, J_SCRATCH_STRIDE);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_conv2d_filter_grad_9x4_wasmsimd(job, <i32>t, scratch);
  }
}

/**
 * The partial dw [J_K rows (kh * kw * inC rounded up to 9), outC] of output rows
 * [t * J_M, (t + 1) * J_M) of the J_BATCH images, rows and pixels in order.
 */
function f32_conv2d_filter_grad_9x4_wasmsimd(job: usize, t: i32, scratch: usize): void {
  const inC = i32At(job, J_SRC_C), ow = i32At(job, J_GRID_W), outC = i32At(job, J_N);
  const kh = i32At(job, J_POOL_H), kw = i32At(job, J_POOL_W), sw = i32At(job, J_STRIDE_W), dw = i32At(job, J_X_TAP);
  const x = ptrAt(job, J_A_PTR), dy = ptrAt(job, J_DY_PTR);
  const perChunk = i32At(job, J_M), total = outputRows(job);
  const rows = kh * kw * inC, rowsPadded = i32At(job, J_K);
  const partial = ptrAt(job, J_Y_PTR) + (<usize>(t * rowsPadded * outC) << 2);
  memory.fill(partial, 0, <usize>(rowsPadded * outC) << 2);
  const rowFloats = paddedRowFloats(job);
  const stepBytes = <usize>(sw * inC) << 2;
  const outBytes = <usize>outC << 2;
  const r1 = min(total, (t + 1) * perChunk);
  for (let r = t * perChunk; r < r1; r++) {
    padInputRows(job, x, r, scratch);
    const g = dy + <usize>r * <usize>ow * outBytes;
    for (let q0 = 0; q0 < rowsPadded; q0 += ROWS) {
      // Byte offset in the padded rows of filter row q (tap (ky, kx), input channel c); rows past
      // the filter's read offset 0 and land in the partial's padding, which the sum skips.
      const o0 = rowOffset(q0, rows, kw, inC, dw, rowFloats), o1 = rowOffset(q0 + 1, rows, kw, inC, dw, rowFloats);
      const o2 = rowOffset(q0 + 2, rows, kw, inC, dw, rowFloats), o3 = rowOffset(q0 + 3, rows, kw, inC, dw, rowFloats);
      const o4 = rowOffset(q0 + 4, rows, kw, inC, dw, rowFloats), o5 = rowOffset(q0 + 5, rows, kw, inC, dw, rowFloats);
      const o6 = rowOffset(q0 + 6, rows, kw, inC, dw, rowFloats), o7 = rowOffset(q0 + 7, rows, kw, inC, dw, rowFloats);
      const o8 = rowOffset(q0 + 8, rows, kw, inC, dw, rowFloats);
      const p = partial + <usize>q0 * outBytes;
      let o = 0;
      for (; o + 4 <= outC; o += 4) {
        const pc = p + (<usize>o << 2);
        let a0 = v128.load(pc), a1 = v128.load(pc + outBytes), a2 = v128.load(pc + 2 * outBytes);
        let a3 = v128.load(pc + 3 * outBytes), a4 = v128.load(pc + 4 * outBytes), a5 = v128.load(pc + 5 * outBytes);
        let a6 = v128.load(pc + 6 * outBytes), a7 = v128.load(pc + 7 * outBytes), a8 = v128.load(pc + 8 * outBytes);
        let gp = g + (<usize>o << 2), s = scratch;
        for (let ox = 0; ox < ow; ox++, gp += outBytes, s += stepBytes) {
          const d = v128.load(gp);
          a0 = madd(v128.load32_splat(s + o0), d, a0);
          a1 = madd(v128.load32_splat(s + o1), d, a1);
          a2 = madd(v128.load32_splat(s + o2), d, a2);
          a3 = madd(v128.load32_splat(s + o3), d, a3);
          a4 = madd(v128.load32_splat(s + o4), d, a4);
          a5 = madd(v128.load32_splat(s + o5), d, a5);
          a6 = madd(v128.load32_splat(s + o6), d, a6);
          a7 = madd(v128.load32_splat(s + o7), d, a7);
          a8 = madd(v128.load32_splat(s + o8), d, a8);
        }
        v128.store(pc, a0);
        v128.store(pc + outBytes, a1);
        v128.store(pc + 2 * outBytes, a2);
        v128.store(pc + 3 * outBytes, a3);
        v128.store(pc + 4 * outBytes, a4);
        v128.store(pc + 5 * outBytes, a5);
        v128.store(pc + 6 * outBytes, a6);
        v128.store(pc + 7 * outBytes, a7);
        v128.store(pc + 8 * outBytes, a8);
      }
      for (; o < outC; o++) {
        for (let i = 0; i < ROWS; i++) {
          const off = rowOffset(q0 + i, rows, kw, inC, dw, rowFloats);
          const pc = p + <usize>i * outBytes + (<usize>o << 2);
          let a = load<f32>(pc);
          let gp = g + (<usize>o << 2), s = scratch;
          for (let ox = 0; ox < ow; ox++, gp += outBytes, s += stepBytes) a = scalarMadd(load<f32>(s + off), load<f32>(gp), a);
          store<f32>(pc, a);
        }
      }
    }
  }
}

/** c + a * b as the vector lanes compute it: fused in the relaxed-SIMD build (as relaxed_madd is here). */
@inline function scalarMadd(a: f32, b: f32, c: f32): f32 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.extract_lane(f32x4.relaxed_madd(f32x4.splat(a), f32x4.splat(b), f32x4.splat(c)), 0);
  return c + a * b;
}
