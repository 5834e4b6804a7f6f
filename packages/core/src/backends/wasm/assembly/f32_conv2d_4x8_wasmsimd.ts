// Forward conv with few filter rows (kh * kw * inC <= 27: the first layer of an image model), where
// the im2col GEMM is mostly overhead: its k is a few rows, so every 4x8 micro-tile runs a handful of
// multiply-adds between packing A and a full epilogue. Here four output pixels x eight output
// channels stay in eight f32x4 accumulators over the filter rows, x splatted from zero-padded copies
// of the input rows (conv_rows.ts), the filter packed per task into 8-column rows in this thread's
// scratch. Each output is the GEMM's sum, term for term in the same order, with the same madd, bias
// and relu: the same bits as the GEMM path, for any thread count (tasks only split output rows).
import {
  EPILOGUE_RELU, J_A_PTR, J_BIAS_PTR, J_COUNTER, J_FLAGS, J_GRID_W, J_M, J_N, J_NTASKS, J_PB_PTR, J_POOL_H, J_POOL_W,
  J_SCRATCH_PTR, J_SCRATCH_STRIDE, J_SRC_C, J_STRIDE_W, J_X_TAP, J_Y_PTR,
} from '../job_layout';
import { outputRows, padInputRows, paddedRowFloats, rowOffset } from './conv_rows';
import { madd } from './f32_gemm_4x8_wasmsimd';
import { claimTask, i32At, ptrAt, u32At } from './job';
import { storePartial } from './partial_vectors';

/** Filter rows the kernel takes (the offsets table in the scratch holds this many). */
const MAX_ROWS = 27;

export function convDirectTasks(job: usize, tid: u32): void {
  const ntasks = u32At(job, J_NTASKS);
  const scratch = ptrAt(job, J_SCRATCH_PTR) + <usize>tid * u32At(job, J_SCRATCH_STRIDE);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_conv2d_4x8_wasmsimd(job, <i32>t, scratch);
  }
}

/** Output rows [t * J_M, (t + 1) * J_M) of the J_BATCH images, into the dense NHWC y. */
function f32_conv2d_4x8_wasmsimd(job: usize, t: i32, scratch: usize): void {
  const inC = i32At(job, J_SRC_C), ow = i32At(job, J_GRID_W), outC = i32At(job, J_N);
  const kh = i32At(job, J_POOL_H), kw = i32At(job, J_POOL_W), sw = i32At(job, J_STRIDE_W), dw = i32At(job, J_X_TAP);
  const x = ptrAt(job, J_A_PTR), filter = ptrAt(job, J_PB_PTR), y = ptrAt(job, J_Y_PTR), bias = ptrAt(job, J_BIAS_PTR);
  const relu = (u32At(job, J_FLAGS) & EPILOGUE_RELU) != 0;
  const perTask = i32At(job, J_M), total = outputRows(job);
  const rows = kh * kw * inC, outCp = (outC + 7) & ~7, rowFloats = paddedRowFloats(job);
  // Scratch: the filter as [rows][outCp] (zero columns past outC), the rows' offsets, then the padded rows.
  const packed = scratch, offsets = packed + (<usize>(rows * outCp) << 2), padded = offsets + (MAX_ROWS << 2);
  const outBytes = <usize>outC << 2, packedRowBytes = <usize>outCp << 2, stepBytes = <usize>(sw * inC) << 2;
  for (let q = 0; q < rows; q++) {
    const dst = packed + <usize>q * packedRowBytes;
    memory.copy(dst, filter + <usize>q * outBytes, outBytes);
    if (outCp > outC) memory.fill(dst + outBytes, 0, packedRowBytes - outBytes);
    store<u32>(offsets + (<usize>q << 2), <u32>rowOffset(q, rows, kw, inC, dw, rowFloats));
  }
  const zero = f32x4.splat(0);
  const r1 = min(total, (t + 1) * perTask);
  for (let r = t * perTask; r < r1; r++) {
    padInputRows(job, x, r, padded);
    const yRow = y + <usize>r * <usize>ow * outBytes;
    let ox = 0;
    for (; ox + 4 <= ow; ox += 4) {
      const s = padded + <usize>ox * stepBytes, yp = yRow + <usize>ox * outBytes;
      for (let j = 0; j < outC; j += 8) {
        let c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        let wq = packed + (<usize>j << 2);
        for (let q = 0; q < rows; q++, wq += packedRowBytes) {
          const sq = s + <usize>load<u32>(offsets + (<usize>q << 2));
          const b0 = v128.load(wq), b1 = v128.load(wq, 16);
          let av = v128.load32_splat(sq);
          c00 = madd(av, b0, c00);
          c01 = madd(av, b1, c01);
          av = v128.load32_splat(sq + stepBytes);
          c10 = madd(av, b0, c10);
          c11 = madd(av, b1, c11);
          av = v128.load32_splat(sq + 2 * stepBytes);
          c20 = madd(av, b0, c20);
          c21 = madd(av, b1, c21);
          av = v128.load32_splat(sq + 3 * stepBytes);
          c30 = madd(av, b0, c30);
          c31 = madd(av, b1, c31);
        }
        const live = outC - j, yj = yp + (<usize>j << 2);
        finishPixel(yj, c00, c01, bias, j, relu, live);
        finishPixel(yj + outBytes, c10, c11, bias, j, relu, live);
        finishPixel(yj + 2 * outBytes, c20, c21, bias, j, relu, live);
        finishPixel(yj + 3 * outBytes, c30, c31, bias, j, relu, live);
      }
    }
    for (; ox < ow; ox++) {
      const s = padded + <usize>ox * stepBytes, yp = yRow + <usize>ox * outBytes;
      for (let j = 0; j < outC; j += 8) {
        let c0 = zero, c1 = zero;
        let wq = packed + (<usize>j << 2);
        for (let q = 0; q < rows; q++, wq += packedRowBytes) {
          const av = v128.load32_splat(s + <usize>load<u32>(offsets + (<usize>q << 2)));
          c0 = madd(av, v128.load(wq), c0);
          c1 = madd(av, v128.load(wq, 16), c1);
        }
        finishPixel(yp + (<usize>j << 2), c0, c1, bias, j, relu, outC - j);
      }
    }
  }
}

/** The GEMM epilogue for one pixel's channels j .. j + 7 (`live` of them stored): + bias, relu. */
@inline function finishPixel(p: usize, c0: v128, c1: v128, bias: usize, j: i32, relu: bool, live: i32): void {
  if (bias != 0) {
    c0 = f32x4.add(c0, v128.load(bias + (<usize>j << 2)));
    c1 = f32x4.add(c1, v128.load(bias + (<usize>j << 2), 16));
  }
  if (relu) {
    // pmax(v, 0) = v < 0 ? 0 : v: NaN stays NaN, as TensorFlow's relu.
    const z = f32x4.splat(0);
    c0 = f32x4.pmax(c0, z);
    c1 = f32x4.pmax(c1, z);
  }
  storePartial(p, c0, <u32>min(4, live));
  if (live > 4) storePartial(p + 16, c1, <u32>min(4, live - 4));
}
