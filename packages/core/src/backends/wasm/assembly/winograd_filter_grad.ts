// Winograd F(4x4, 3x3) filter gradient, stride 1, dilation 1. With V = B^T x B (each 6x6 x
// window) and Y = A dy A^T (each 4x4 dy tile), dU[t] = sum over tiles of V[t]^T Y[t] and
// dw = G^T dU G: 36 GEMMs whose reduction runs over the tiles, 4x fewer multiplies than direct.
// Images are processed in chunks of a size fixed by the problem (never by the thread count):
//   OP_WINOGRAD_WGRAD_TRANSFORM writes the chunk's V and Y as packed GEMM panels, one task per
//     block of tiles;
//   OP_WINOGRAD_WGRAD_GEMM adds the chunk's products to dU, one task per transform point t, k in
//     tile order, so every thread count adds in the same order;
// then OP_WINOGRAD_WGRAD_FILTER transforms dU back to dw, one task per input channel, and flags a
// non-finite result (the caller then recomputes directly, for TensorFlow's NaN / Inf pattern).
import {
  J_A_PTR, J_COUNTER, J_M, WGRAD_TMP_BYTES, J_DY_PTR, J_FLAGS, J_GRID_H, J_GRID_W, J_N, J_NTASKS, J_PAD_LEFT, J_PAD_TOP, J_SCRATCH_PTR,
  J_SCRATCH_STRIDE, J_SRC_C, J_SRC_H, J_SRC_W, J_WG_CP, J_WG_DU_PTR, J_WG_DY_PTR, J_WG_FIRST_TILE, J_WG_FLAG_PTR,
  J_WG_TASK_TILES, J_WG_TILES, J_WG_TILES_PER_IMAGE, J_WG_TILES_W, J_WG_V_PTR, J_Y_PTR, KC,
  EPILOGUE_ACCUMULATE,
} from '../job_layout';
import { f32_gemm_4x8_wasmsimd } from './f32_gemm_4x8_wasmsimd';
import { f32_winograd_4x4_3x3_filter_grad_wasmsimd, f32_winograd_4x4_3x3_output_grad_wasmsimd } from './f32_winograd_4x4_3x3_wasmsimd';
import { claimTask, i32At, ptrAt, u32At } from './job';
import { allFinite, storePartial } from './partial_vectors';
import { gatherWindow, transformInputWindow } from './winograd_tiles';

// ---- OP_WINOGRAD_WGRAD_TRANSFORM ----

export function winogradWgradTransformTasks(job: usize, tid: u32): void {
  const ntasks = u32At(job, J_NTASKS);
  const scratch = ptrAt(job, J_SCRATCH_PTR) + <usize>tid * u32At(job, J_SCRATCH_STRIDE);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    const per = u32At(job, J_WG_TASK_TILES), tiles = u32At(job, J_WG_TILES);
    const end = min<u32>(tiles, (t + 1) * per);
    const first = u32At(job, J_WG_FIRST_TILE), v = ptrAt(job, J_WG_V_PTR), y = ptrAt(job, J_WG_DY_PTR);
    for (let l = t * per; l < end; l++) transformTile(job, first + l, l, tiles, v, y, scratch);
  }
}

/**
 * V and Y of global tile g into panels of `tiles` tiles at `vBase` and `yBase`, as their tile l.
 * Scratch: 36 vectors of tmp, 36 gathered.
 */
function transformTile(job: usize, g: u32, l: u32, tiles: u32, vBase: usize, yBase: usize, scratch: usize): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), ch = u32At(job, J_SRC_C), cp = u32At(job, J_WG_CP);
  const oh = i32At(job, J_GRID_H), ow = i32At(job, J_GRID_W), n = u32At(job, J_N), kp = (n + 7) & ~7;
  const perImage = u32At(job, J_WG_TILES_PER_IMAGE), tilesW = u32At(job, J_WG_TILES_W);
  const img = g / perImage, rem = g % perImage;
  const oy0 = <i32>(rem / tilesW) * 4, ox0 = <i32>(rem % tilesW) * 4;
  const iy0 = oy0 - i32At(job, J_PAD_TOP), ix0 = ox0 - i32At(job, J_PAD_LEFT);
  const tmp = scratch, gathered = scratch + 576;

  // x window -> V[t][c / 4][l][4]
  const xRow = (<usize>w * ch) << 2, xPixel = <usize>ch << 2;
  const xImage = ptrAt(job, J_A_PTR) + <usize>img * <usize>h * xRow;
  const vOs = (<usize>(cp >> 2) * tiles) << 4;
  for (let c: u32 = 0; c < cp; c += 4) {
    const out = vBase + ((<usize>(c >> 2) * tiles + l) << 4);
    transformInputWindow(xImage + (<usize>c << 2), iy0, ix0, h, w, xRow, xPixel, min<u32>(4, ch - c), tmp, gathered, out, vOs);
  }

  // dy tile -> Y[t][k / 8][l][8]; columns past n are zeros (the GEMM reads whole 8-column panels).
  const dyRow = (<usize>ow * n) << 2, dyPixel = <usize>n << 2;
  const dyImage = ptrAt(job, J_DY_PTR) + <usize>img * <usize>oh * dyRow;
  const yOs = (<usize>(kp >> 3) * tiles) << 5;
  const full = oy0 + 4 <= oh && ox0 + 4 <= ow;
  for (let k: u32 = 0; k < kp; k += 4) {
    const live = k < n ? min<u32>(4, n - k) : 0;
    const base = dyImage + (<usize>k << 2);
    const out = yBase + ((<usize>(k >> 3) * tiles + l) << 5) + (<usize>(k & 4) << 2);
    if (full && live == 4) {
      f32_winograd_4x4_3x3_output_grad_wasmsimd(base + <usize>oy0 * dyRow + <usize>ox0 * dyPixel, dyRow, dyPixel, tmp, out, yOs);
    } else {
      gatherWindow(gathered, base, oy0, ox0, 4, 4, oh, ow, dyRow, dyPixel, live);
      f32_winograd_4x4_3x3_output_grad_wasmsimd(gathered, 64, 16, tmp, out, yOs);
    }
  }
}

// ---- OP_WINOGRAD_WGRAD_FUSED ----

export function winogradWgradFusedTasks(job: usize, tid: u32): void {
  const ntasks = u32At(job, J_NTASKS);
  const scratch = ptrAt(job, J_SCRATCH_PTR) + <usize>tid * u32At(job, J_SCRATCH_STRIDE);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    fusedChunk(job, t, scratch);
  }
}

/**
 * Chunk t's partial dU [36][CP][KP] at J_WG_DU_PTR + t * (its size): its tiles in blocks of
 * J_WG_TASK_TILES, each block transformed into this thread's scratch panels and multiplied into
 * the partial while the panels are still in this core's cache. Blocks and tiles in order.
 */
function fusedChunk(job: usize, t: u32, scratch: usize): void {
  const cp = u32At(job, J_WG_CP), n = u32At(job, J_N), kp = (n + 7) & ~7;
  const block = u32At(job, J_WG_TASK_TILES), chunkTiles = u32At(job, J_M), allTiles = u32At(job, J_WG_TILES);
  const panelsM = cp >> 2, panelsN = kp >> 3;
  const v = scratch + WGRAD_TMP_BYTES, y = v + ((<usize>36 * cp * block) << 2);
  const du = ptrAt(job, J_WG_DU_PTR) + ((<usize>t * 36 * cp * kp) << 2);
  const first = t * chunkTiles, end = min<u32>(allTiles, first + chunkTiles);
  for (let b0 = first; b0 < end; b0 += block) {
    const count = min<u32>(block, end - b0);
    for (let l: u32 = 0; l < count; l++) transformTile(job, b0 + l, l, block, v, y, scratch);
    const flags = b0 > first ? EPILOGUE_ACCUMULATE : 0;
    for (let p: u32 = 0; p < 36; p++) {
      multiplyPoint(v + ((<usize>p * panelsM * block) << 4), y + ((<usize>p * panelsN * block) << 5), block, 0, count,
        du + ((<usize>p * cp * kp) << 2), cp, kp, flags);
    }
  }
}

/**
 * dU[t] (+)= V[t]^T Y[t] over tiles [p0, p0 + kc) of one transform point: V[t] at `v` and Y[t] at
 * `y` are panels of `tiles` tiles, dU[t] at `du` is CP x KP; `flags` as the micro-kernel's.
 */
function multiplyPoint(v: usize, y: usize, tiles: u32, p0: u32, kc: u32, du: usize, cp: u32, kp: u32, flags: i32): void {
  const ldc = <usize>kp << 2;
  for (let jr: u32 = 0; jr < kp >> 3; jr++) {
    const b = y + ((<usize>jr * tiles + p0) << 5);
    const c0 = du + (<usize>jr << 5);
    for (let ir: u32 = 0; ir < cp >> 2; ir++) {
      f32_gemm_4x8_wasmsimd(<i32>kc, v + ((<usize>ir * tiles + p0) << 4), b, c0 + <usize>(ir << 2) * ldc, ldc, flags, 0);
    }
  }
}

// ---- OP_WINOGRAD_WGRAD_GEMM ----

export function winogradWgradGemmTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    gemmTask(job, t);
  }
}

/** dU[t] (+)= V[t]^T Y[t] for transform point t: V[t] is read from memory once and reused by every column panel. */
function gemmTask(job: usize, t: u32): void {
  const cp = u32At(job, J_WG_CP), n = u32At(job, J_N), kp = (n + 7) & ~7, tiles = u32At(job, J_WG_TILES);
  const v = ptrAt(job, J_WG_V_PTR) + ((<usize>t * (cp >> 2) * tiles) << 4);
  const y = ptrAt(job, J_WG_DY_PTR) + ((<usize>t * (kp >> 3) * tiles) << 5);
  const du = ptrAt(job, J_WG_DU_PTR) + ((<usize>t * cp * kp) << 2);
  const accumulate = u32At(job, J_FLAGS) & EPILOGUE_ACCUMULATE;
  for (let p0: u32 = 0; p0 < tiles; p0 += KC) {
    multiplyPoint(v, y, tiles, p0, min<u32>(KC, tiles - p0), du, cp, kp, p0 > 0 ? EPILOGUE_ACCUMULATE : accumulate);
  }
}

// ---- OP_WINOGRAD_WGRAD_FILTER ----

export function winogradWgradFilterTasks(job: usize, tid: u32): void {
  const ntasks = u32At(job, J_NTASKS);
  const scratch = ptrAt(job, J_SCRATCH_PTR) + <usize>tid * u32At(job, J_SCRATCH_STRIDE);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    filterGradRow(job, t, scratch);
  }
}

/** dw[tap][p][:] for input channel p. Scratch: 18 vectors of tmp, then 9 results. */
function filterGradRow(job: usize, p: u32, scratch: usize): void {
  const cin = u32At(job, J_SRC_C), cp = u32At(job, J_WG_CP), n = u32At(job, J_N), kp = (n + 7) & ~7;
  const du = ptrAt(job, J_WG_DU_PTR), dw = ptrAt(job, J_Y_PTR);
  const tmp = scratch, taps = scratch + 288;
  const zero = f32x4.splat(0);
  let check = zero; // sum of 0 * result: NaN iff some result is not finite
  for (let j: u32 = 0; j < n; j += 4) {
    f32_winograd_4x4_3x3_filter_grad_wasmsimd(du + (((<usize>p * kp) + j) << 2), (<usize>cp * kp) << 2, tmp, taps, 16);
    const live = min<u32>(4, n - j);
    for (let tap: u32 = 0; tap < 9; tap++) {
      const v = v128.load(taps + (<usize>tap << 4));
      check = f32x4.add(check, f32x4.mul(v, zero));
      storePartial(dw + ((((<usize>tap * cin + p) * n) + j) << 2), v, live);
    }
  }
  if (!allFinite(check)) {
    atomic.store<i32>(ptrAt(job, J_WG_FLAG_PTR), 1);
  }
}
