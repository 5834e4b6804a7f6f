// Winograd F(4x4, 3x3) convolution, stride 1, dilation 1 (forward, and the input gradient as a
// convolution of dy with the flipped filter). One task owns a block of output tiles from start to
// end, in this thread's scratch, with no barrier inside:
//   1. input transform of its tiles into V, packed as the GEMM's A panels: [36][tiles / 4][CP][4];
//   2. 36 GEMMs M[t] = V[t] * U[t] with the 4x8 micro-kernel (U packed once per call by
//      OP_WINOGRAD_FILTER: [36][n / 8][CP][8]); M is [36][tiles][KP];
//   3. output transform, bias, relu, stored NHWC.
// Every output is computed by one task in a fixed order: bit-identical for any thread count.
// A non-finite output sets the job's flag: the caller then recomputes by direct convolution, whose
// NaN / Inf pattern is TensorFlow's (Winograd spreads one Inf over a whole tile).
import {
  J_A_PTR, J_BIAS_PTR, J_COUNTER, J_FLAGS, J_GRID_H, J_GRID_W, J_N, J_NTASKS, J_PAD_LEFT, J_PAD_TOP, J_SCRATCH_PTR,
  J_SCRATCH_STRIDE, J_SRC_C, J_SRC_H, J_SRC_W, J_WG_CP, J_WG_FLAG_PTR, J_WG_FLIP, J_WG_J_STRIDE, J_WG_P_STRIDE,
  J_WG_HEAD_TASKS, J_WG_TAIL_TILES, J_WG_TAP_STRIDE, J_WG_TASK_TILES, J_WG_TILES, J_WG_TILES_PER_IMAGE, J_WG_TILES_W, J_WG_U_PTR, J_X_PTR, J_Y_PTR, KC,
  EPILOGUE_ACCUMULATE, EPILOGUE_RELU,
} from '../job_layout';
import { f32_gemm_4x8_wasmsimd } from './f32_gemm_4x8_wasmsimd';
import { f32_winograd_4x4_3x3_filter_wasmsimd, f32_winograd_4x4_3x3_output_wasmsimd } from './f32_winograd_4x4_3x3_wasmsimd';
import { claimTask, i32At, ptrAt, u32At } from './job';
import { allFinite, storePartial } from './partial_vectors';
import { storeTransposed4x4 } from './transpose_4x4';
import { transformInputWindow } from './winograd_tiles';


// ---- OP_WINOGRAD_FILTER: U[t][jr][p][8] = (G g G^T)[t] for GEMM row p, columns 8 jr .. 8 jr + 7 ----

export function winogradFilterTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    filterPanel(job, t);
  }
}

function filterPanel(job: usize, jr: u32): void {
  const rowsIn = u32At(job, J_SRC_C), cols = u32At(job, J_N), cp = u32At(job, J_WG_CP);
  const panels = (cols + 7) >> 3;
  const w = ptrAt(job, J_X_PTR), flip = u32At(job, J_WG_FLIP) != 0;
  const tapStride = <usize>u32At(job, J_WG_TAP_STRIDE), ps = <usize>u32At(job, J_WG_P_STRIDE), js = <usize>u32At(job, J_WG_J_STRIDE);
  const scratch = ptrAt(job, J_SCRATCH_PTR); // only the main thread's block: taps then tmp, per task lane below
  const taps = scratch + (<usize>jr << 10), tmp = taps + 144 + 16; // 1 KiB per task: 9 + 18 vectors
  const u = ptrAt(job, J_WG_U_PTR);
  const os = <usize>panels * cp * 32; // bytes between transform points
  for (let p: u32 = 0; p < cp; p++) {
    for (let half: u32 = 0; half < 2; half++) {
      const j0 = (jr << 3) + (half << 2);
      for (let tap: u32 = 0; tap < 9; tap++) {
        const src = flip ? 8 - tap : tap;
        let v = f32x4.splat(0);
        if (p < rowsIn) {
          const base = w + ((<usize>src * tapStride + <usize>p * ps) << 2);
          // Columns past n stay zero; the 4 lanes are a gather (the input-gradient filter is transposed).
          if (j0 < cols) v = f32x4.replace_lane(v, 0, load<f32>(base + ((<usize>j0 * js) << 2)));
          if (j0 + 1 < cols) v = f32x4.replace_lane(v, 1, load<f32>(base + ((<usize>(j0 + 1) * js) << 2)));
          if (j0 + 2 < cols) v = f32x4.replace_lane(v, 2, load<f32>(base + ((<usize>(j0 + 2) * js) << 2)));
          if (j0 + 3 < cols) v = f32x4.replace_lane(v, 3, load<f32>(base + ((<usize>(j0 + 3) * js) << 2)));
        }
        v128.store(taps + (<usize>tap << 4), v);
      }
      const out = u + ((<usize>jr * cp + p) << 5) + (<usize>half << 4);
      f32_winograd_4x4_3x3_filter_wasmsimd(taps, tmp, out, os);
    }
  }
}

// ---- OP_WINOGRAD_CONV ----

export function winogradConvTasks(job: usize, tid: u32): void {
  const ntasks = u32At(job, J_NTASKS);
  const scratch = ptrAt(job, J_SCRATCH_PTR) + <usize>tid * u32At(job, J_SCRATCH_STRIDE);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    convTask(job, t, scratch);
  }
}

/**
 * Bytes from one transform point's V (or M) to the next: the 36 accesses of one tile's transform
 * would otherwise sit a multiple of 4 KiB apart and thrash one L1 set; a cache line of padding
 * spreads them over 36 sets.
 */
@inline function pointStrideV(taskTiles: u32, cp: u32): usize {
  return ((<usize>taskTiles * cp) << 2) + 64;
}

@inline function pointStrideM(taskTiles: u32, kp: u32): usize {
  return ((<usize>taskTiles * kp) << 2) + 64;
}

function convTask(job: usize, task: u32, scratch: usize): void {
  const taskTiles = u32At(job, J_WG_TASK_TILES), allTiles = u32At(job, J_WG_TILES);
  const headTasks = u32At(job, J_WG_HEAD_TASKS), tailTiles = u32At(job, J_WG_TAIL_TILES);
  // Head tasks, then smaller tail tasks; the scratch layout is the head tasks' (taskTiles).
  const first = task < headTasks ? task * taskTiles : headTasks * taskTiles + (task - headTasks) * tailTiles;
  const count = min<u32>(task < headTasks ? taskTiles : tailTiles, allTiles - first);
  const cp = u32At(job, J_WG_CP), n = u32At(job, J_N), kp = (n + 7) & ~7;
  const v = scratch;
  const m = v + 36 * pointStrideV(taskTiles, cp);
  const extra = m + 36 * pointStrideM(taskTiles, kp);
  transformInput(job, first, count, taskTiles, v, extra);
  multiply(job, taskTiles, (count + 3) >> 2, v, m);
  transformOutput(job, first, count, taskTiles, m, extra);
}

/** Step 1: V[t][panel][c][lane] for the task's tiles (lane = tile within its panel of 4). */
function transformInput(job: usize, first: u32, count: u32, taskTiles: u32, v: usize, extra: usize): void {
  const h = i32At(job, J_SRC_H), w = i32At(job, J_SRC_W), ch = u32At(job, J_SRC_C), cp = u32At(job, J_WG_CP);
  const tilesW = u32At(job, J_WG_TILES_W), perImage = u32At(job, J_WG_TILES_PER_IMAGE);
  const padTop = i32At(job, J_PAD_TOP), padLeft = i32At(job, J_PAD_LEFT);
  const x = ptrAt(job, J_A_PTR);
  const vs = pointStrideV(taskTiles, cp);
  const tileOut = extra; // 4 tiles x 36 vectors
  const tmp = extra + 2304, gathered = tmp + 576;
  const rowBytes = (<usize>w * ch) << 2, pixelBytes = <usize>ch << 2;
  const zero = f32x4.splat(0);
  for (let panel: u32 = 0; panel < (count + 3) >> 2; panel++) {
    for (let c: u32 = 0; c < cp; c += 4) {
      const live = min<u32>(4, ch - c);
      for (let i: u32 = 0; i < 4; i++) {
        const out = tileOut + <usize>i * 576;
        const local = (panel << 2) + i;
        if (local >= count) {
          for (let t: usize = 0; t < 36; t++) v128.store(out + (t << 4), zero);
          continue;
        }
        const g = first + local;
        const img = g / perImage, rem = g % perImage;
        const iy0 = <i32>(rem / tilesW) * 4 - padTop, ix0 = <i32>(rem % tilesW) * 4 - padLeft;
        const base = x + <usize>img * <usize>h * rowBytes + (<usize>c << 2);
        transformInputWindow(base, iy0, ix0, h, w, rowBytes, pixelBytes, live, tmp, gathered, out, 16);
      }
      for (let t: usize = 0; t < 36; t++) {
        const o = t << 4;
        storeTransposed4x4(v + t * vs + ((<usize>panel * cp + c) << 4),
          v128.load(tileOut + o), v128.load(tileOut + 576 + o), v128.load(tileOut + 1152 + o), v128.load(tileOut + 1728 + o));
      }
    }
  }
}

/**
 * Step 2: M[t] = V[t] * U[t] for the 36 transform points, over the task's `panelsM` panels of 4
 * tiles (V and M laid out for taskTiles); every M row is one tile's, in a fixed k order.
 */
function multiply(job: usize, taskTiles: u32, panelsM: u32, v: usize, m: usize): void {
  const cp = u32At(job, J_WG_CP), n = u32At(job, J_N), kp = (n + 7) & ~7;
  const panelsN = kp >> 3;
  const u = ptrAt(job, J_WG_U_PTR);
  const ldc = <usize>kp << 2;
  for (let t: u32 = 0; t < 36; t++) {
    const vt = v + <usize>t * pointStrideV(taskTiles, cp);
    const ut = u + ((<usize>t * panelsN * cp) << 5);
    const mt = m + <usize>t * pointStrideM(taskTiles, kp);
    for (let p0: u32 = 0; p0 < cp; p0 += KC) {
      const kc = min<u32>(KC, cp - p0);
      const flags = p0 > 0 ? EPILOGUE_ACCUMULATE : 0;
      for (let jr: u32 = 0; jr < panelsN; jr++) {
        const b = ut + ((<usize>jr * cp + p0) << 5);
        const cj = mt + (<usize>jr << 5);
        for (let ir: u32 = 0; ir < panelsM; ir++) {
          const a = vt + ((<usize>ir * cp + p0) << 4);
          const c = cj + <usize>(ir << 2) * ldc;
          f32_gemm_4x8_wasmsimd(<i32>kc, a, b, c, ldc, flags, 0);
        }
      }
    }
  }
}

/** Step 3: y = act(A^T M A + bias) for the task's tiles, clipped to the image and to n channels. */
function transformOutput(job: usize, first: u32, count: u32, taskTiles: u32, m: usize, extra: usize): void {
  const oh = u32At(job, J_GRID_H), ow = u32At(job, J_GRID_W), n = u32At(job, J_N), kp = (n + 7) & ~7;
  const tilesW = u32At(job, J_WG_TILES_W), perImage = u32At(job, J_WG_TILES_PER_IMAGE);
  const y = ptrAt(job, J_Y_PTR), bias = ptrAt(job, J_BIAS_PTR), relu = (u32At(job, J_FLAGS) & EPILOGUE_RELU) != 0;
  const tmp = extra + 2304, tile = tmp + 576;
  const ss = pointStrideM(taskTiles, kp);
  const zero = f32x4.splat(0);
  let check = zero; // sum of 0 * output: NaN iff some output is not finite
  for (let i: u32 = 0; i < count; i++) {
    const g = first + i;
    const img = g / perImage, rem = g % perImage;
    const oy0 = (rem / tilesW) * 4, ox0 = (rem % tilesW) * 4;
    const rows = min<u32>(4, oh - oy0), cols = min<u32>(4, ow - ox0);
    const pixel0 = (<usize>img * oh + oy0) * ow + ox0;
    for (let k: u32 = 0; k < n; k += 4) {
      const live = min<u32>(4, n - k);
      f32_winograd_4x4_3x3_output_wasmsimd(m + ((<usize>i * kp + k) << 2), ss, tmp, tile);
      const b = bias != 0 ? v128.load(bias + (<usize>k << 2)) : zero;
      for (let r: u32 = 0; r < rows; r++) {
        for (let s: u32 = 0; s < cols; s++) {
          let o = f32x4.add(v128.load(tile + (<usize>(r * 4 + s) << 4)), b);
          check = f32x4.add(check, f32x4.mul(o, zero));
          // pmax(o, 0) = o < 0 ? 0 : o keeps NaN, as TensorFlow's relu.
          if (relu) o = f32x4.pmax(o, zero);
          storePartial(y + ((((pixel0 + <usize>r * ow + s) * n) + k) << 2), o, live);
        }
      }
    }
  }
  if (!allFinite(check)) {
    atomic.store<i32>(ptrAt(job, J_WG_FLAG_PTR), 1);
  }
}
