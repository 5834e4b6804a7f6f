// GEMM driver: C = A * B (+ bias, relu) over tasks of mc x nc blocks of C.
// Per task and per kc block: pack the A block (mc x kc, <= 128 KiB, lives in L2), then sweep the
// 8-column B panels (kc x 8 = 8 KiB, L1) with the 4x8 micro-kernel down the A block.
// Each element of C is computed by one task in a fixed kc order: bit-identical for any thread count.
import {
  J_BIAS_PTR, J_BP_BATCH_STRIDE, J_BP_PTR, J_COUNTER, J_C_BATCH_STRIDE, J_C_PTR, J_FLAGS, J_K, J_LDC, J_M, J_MC,
  J_N, J_NC, J_NTASKS, J_SCRATCH_PTR, J_SCRATCH_STRIDE, J_TILES_M, J_TILES_N, KC, J_A_PTR, J_A_RS, J_A_BATCH_STRIDE,
  J_PB_PTR, J_PB_RS, J_PB_BATCH_STRIDE,
  EPILOGUE_ACCUMULATE, EPILOGUE_BIAS,
} from '../job_layout';
import { f32_gemm_4x8_wasmsimd } from './f32_gemm_4x8_wasmsimd';
import { f32_gemm_rows_4x8_wasmsimd } from './f32_gemm_rows_4x8_wasmsimd';
import { claimTask, ptrAt, u32At } from './job';
import { packA } from './pack_a';

export function gemmTasks(job: usize, tid: u32): void {
  const ntasks = u32At(job, J_NTASKS);
  const scratch = ptrAt(job, J_SCRATCH_PTR) + <usize>tid * u32At(job, J_SCRATCH_STRIDE);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    gemmTask(job, t, scratch);
  }
}

function gemmTask(job: usize, t: u32, ap: usize): void {
  const m = u32At(job, J_M), n = u32At(job, J_N), k = u32At(job, J_K);
  const mc = u32At(job, J_MC), nc = u32At(job, J_NC);
  const tilesM = u32At(job, J_TILES_M), tilesN = u32At(job, J_TILES_N);
  const perBatch = tilesM * tilesN;
  const batch = t / perBatch, im = (t % perBatch) / tilesN, jn = t % tilesN;
  const i0 = im * mc, rows = min<u32>(mc, m - i0);
  const j0 = jn * nc, cols = min<u32>(nc, n - j0);
  const panelsM = (rows + 3) >> 2, panelsN = (cols + 7) >> 3;
  const ldc = <usize>u32At(job, J_LDC) << 2;
  const bias = ptrAt(job, J_BIAS_PTR);
  const lastFlags = u32At(job, J_FLAGS) | (bias != 0 ? EPILOGUE_BIAS : 0);
  const bp = ptrAt(job, J_BP_PTR) + ((<usize>batch * u32At(job, J_BP_BATCH_STRIDE) + <usize>(j0 >> 3) * k * 8) << 2);
  const c = ptrAt(job, J_C_PTR) + ((<usize>batch * u32At(job, J_C_BATCH_STRIDE) + <usize>j0) << 2) + <usize>i0 * ldc;
  let p0: u32 = 0;
  do {
    const kc = min<u32>(KC, k - p0);
    packA(job, batch, i0, rows, p0, kc, ap);
    let flags = p0 > 0 ? EPILOGUE_ACCUMULATE : 0;
    if (p0 + kc >= k) flags |= lastFlags;
    for (let jr: u32 = 0; jr < panelsN; jr++) {
      const b = bp + ((<usize>jr * k * 8 + <usize>p0 * 8) << 2);
      const cj = c + (<usize>jr << 5);
      const bj = bias + ((<usize>(j0 + (jr << 3))) << 2);
      for (let ir: u32 = 0; ir < panelsM; ir++) {
        const a = ap + ((<usize>ir * kc) << 4);
        const ci = cj + <usize>(ir << 2) * ldc;
        // Compile-time choice: the relaxed-SIMD build uses FMA, the plain build mul + add.
        f32_gemm_4x8_wasmsimd(<i32>kc, a, b, ci, ldc, flags, bj);
      }
    }
    p0 += kc;
  } while (p0 < k);
}

/**
 * OP_GEMM_ROWS: C = A * B (+ bias, relu) for at most 4 rows per batch entry, A (J_A_PTR, rows
 * J_A_RS floats apart, batches J_A_BATCH_STRIDE) and B (J_PB_PTR, row-major, J_PB_RS floats per
 * row, batches J_PB_BATCH_STRIDE) read in place; task t = (batch entry, block of J_NC columns).
 * The kc blocking and madd order are gemmTask's, so the bits are the packed path's.
 */
export function gemmRowsTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    gemmRowsTask(job, t);
  }
}

function gemmRowsTask(job: usize, t: u32): void {
  const m = u32At(job, J_M), n = u32At(job, J_N), k = u32At(job, J_K), nc = u32At(job, J_NC);
  const tilesN = u32At(job, J_TILES_N);
  const batch = t / tilesN, j0 = (t % tilesN) * nc, cols = min<u32>(nc, n - j0);
  const ldc = <usize>u32At(job, J_LDC) << 2;
  const lda = <usize>u32At(job, J_A_RS) << 2, ldb = <usize>u32At(job, J_PB_RS) << 2;
  const a = ptrAt(job, J_A_PTR) + ((<usize>batch * u32At(job, J_A_BATCH_STRIDE)) << 2);
  const b = ptrAt(job, J_PB_PTR) + ((<usize>batch * u32At(job, J_PB_BATCH_STRIDE) + <usize>j0) << 2);
  const c = ptrAt(job, J_C_PTR) + ((<usize>batch * u32At(job, J_C_BATCH_STRIDE) + <usize>j0) << 2);
  const bias = ptrAt(job, J_BIAS_PTR);
  const lastFlags = u32At(job, J_FLAGS) | (bias != 0 ? EPILOGUE_BIAS : 0);
  for (let jr: u32 = 0; jr < (cols + 7) >> 3; jr++) {
    const bj = bias + ((<usize>(j0 + (jr << 3))) << 2);
    let p0: u32 = 0;
    do {
      const kc = min<u32>(KC, k - p0);
      let flags = p0 > 0 ? EPILOGUE_ACCUMULATE : 0;
      if (p0 + kc >= k) flags |= lastFlags;
      f32_gemm_rows_4x8_wasmsimd(<i32>kc, a + (<usize>p0 << 2), lda, <i32>m, b + <usize>p0 * ldb + (<usize>jr << 5), ldb,
        c + (<usize>jr << 5), ldc, flags, bj);
      p0 += kc;
    } while (p0 < k);
  }
}
