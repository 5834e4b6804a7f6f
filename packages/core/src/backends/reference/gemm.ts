import type { FusedActivation } from '../backend';
import { ShapeError } from '../../errors';

/**
 * A logical [rows, cols] matrix inside a flat buffer: element (i, j) is
 * `data[offset + i * rowStride + j * colStride]`. A transpose is just swapped strides, so the
 * GEMM handles every layout in its packing step and runs one inner kernel.
 */
export interface StridedMatrix {
  data: Float32Array;
  offset: number;
  rowStride: number;
  colStride: number;
}

// Goto/BLIS blocking. The MR x NR micro-tile lives in 12 local accumulators; a KC x NR sliver
// of B (3 KB) stays in L1 while it sweeps the MC x KC block of A (64 KB, L2); NC bounds the
// packed B block (1 MB). Micro-kernels tried on the 2-core EPYC (2.1 GHz), GFLOP/s with
// L1-resident panels: 4x3 5.5, 3x4 5.3, 4x4 5.0, 2x8 4.6, 4x6 4.4, 4x8 4.0, 8x8 3.6; the
// whole 1024^3 GEMM: 4x3 5.0, 4x4 4.7.
// V8 keeps every accumulator as a double in one of x64's 16 XMM registers, so tiles past ~12
// accumulators spill. Packing into Float64Array (no float->double conversion per load) and
// unrolling the packing loops measured within noise, so the packs stay float32 and plain.
// KC 128..512 and MC 32..128 were all within noise; these sit in the middle of that plateau.
const MR = 4;
const NR = 3;
const KC = 256;
const MC = 64;
const NC = 1020;

/** Block sizes, exported so tests can aim at tile and block edges. */
export const gemmBlocking = { mr: MR, nr: NR, kc: KC, mc: MC, nc: NC } as const;

// Scratch shared by every call: JS is single-threaded and gemmInto never re-enters itself.
const packedA = new Float32Array(MC * KC);
const packedB = new Float32Array(KC * NC);
// Edge tiles are computed here in full, then their valid corner is copied out.
const edgeTile = new Float32Array(MR * NR);

/**
 * C = act(C0 + op(A) op(B) + bias) for one [m, n] result, where op(A) is [m, k] and op(B) is
 * [k, n] as strided views, and C0 is C's current contents if `accumulate`, else 0. The
 * epilogue (bias[j] then relu) runs once, on the final value. `bias` is indexed by column.
 */
export function gemmInto(
  m: number, n: number, k: number,
  a: StridedMatrix, b: StridedMatrix, c: StridedMatrix,
  accumulate: boolean,
  bias?: Float32Array | null, activation?: FusedActivation,
): void {
  if (m === 0 || n === 0) return;
  const relu = activation === 'relu';
  const biasOrNull = bias ?? null;
  if (k === 0) {
    storeEmptyProduct(m, n, c, accumulate, biasOrNull, relu);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const overwrite = pc === 0 && !accumulate;
      const finish = pc + kc === k;
      // B(p, j) walks its columns as slivers and its rows as depth.
      packPanels(b.data, b.offset + pc * b.rowStride + jc * b.colStride, b.colStride, b.rowStride, nc, kc, NR, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(a.data, a.offset + ic * a.rowStride + pc * a.colStride, a.rowStride, a.colStride, mc, kc, MR, packedA);
        macroKernel(mc, nc, kc, c.data, c.offset + ic * c.rowStride, c.rowStride, c.colStride, jc, overwrite, finish, biasOrNull, relu);
      }
    }
  }
}

/**
 * C block [mc, nc] at column col0 from the packed panels, one micro-tile at a time. Kept apart
 * from gemmInto because it runs once per A block, so V8 optimises it early in the first GEMM;
 * inline in gemmInto (called once per GEMM) these loops waited for on-stack replacement, and
 * the first two or three calls of a conv-sized GEMM ran about 2.5x slower.
 */
function macroKernel(
  mc: number, nc: number, kc: number, c: Float32Array, base: number, rs: number, cs: number, col0: number,
  overwrite: boolean, finish: boolean, bias: Float32Array | null, relu: boolean,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    const col = col0 + jr;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = Math.min(MR, mc - ir);
      const at = base + ir * rs + col * cs;
      if (mr === MR && nr === NR) {
        kernel4x3(kc, packedA, ir * kc, packedB, jr * kc, c, at, rs, cs, overwrite, finish, bias, col, relu);
      } else {
        kernel4x3(kc, packedA, ir * kc, packedB, jr * kc, edgeTile, 0, NR, 1, true, false, null, 0, false);
        storeEdgeTile(c, at, rs, cs, mr, nr, overwrite, finish, bias, col, relu);
      }
    }
  }
}

/**
 * Copies `count` lines (rows of A or columns of B) of `depth` elements into slivers of `width`
 * lines, depth-major inside a sliver: dst[s][p][r]. The last sliver is padded so the kernel
 * always runs a full tile (storeEdgeTile drops the extra rows and columns); the padding is zeros
 * rather than stale scratch so it can never be a NaN or a slow denormal.
 */
function packPanels(
  src: Float32Array, offset: number, lineStride: number, depthStride: number,
  count: number, depth: number, width: number, dst: Float32Array,
): void {
  let o = 0;
  for (let s = 0; s < count; s += width) {
    const lines = Math.min(width, count - s);
    for (let p = 0, q = offset + s * lineStride; p < depth; p++, q += depthStride) {
      for (let r = 0; r < lines; r++) dst[o + r] = src[q + r * lineStride];
      for (let r = lines; r < width; r++) dst[o + r] = 0;
      o += width;
    }
  }
}

/**
 * One 4 x 3 tile of C: the sum over p of A-sliver[p] (4) outer B-sliver[p] (3), with the 12 sums
 * in registers, then stored at c[q + r * rs + j * cs] with the block's epilogue. Storing here
 * rather than through a tile buffer matters when k is small (a 3x3 conv on one channel has
 * k = 9): the store then costs as much as the loop, and going through a buffer doubled it.
 */
function kernel4x3(
  kc: number, pa: Float32Array, ai: number, pb: Float32Array, bi: number,
  c: Float32Array, q: number, rs: number, cs: number,
  overwrite: boolean, finish: boolean, bias: Float32Array | null, col: number, relu: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0;
  let c10 = 0, c11 = 0, c12 = 0;
  let c20 = 0, c21 = 0, c22 = 0;
  let c30 = 0, c31 = 0, c32 = 0;
  for (let p = 0; p < kc; p++, ai += 4, bi += 3) {
    const a0 = pa[ai], a1 = pa[ai + 1], a2 = pa[ai + 2], a3 = pa[ai + 3];
    const b0 = pb[bi], b1 = pb[bi + 1], b2 = pb[bi + 2];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2;
  }
  const q1 = q + rs, q2 = q1 + rs, q3 = q2 + rs, j1 = cs, j2 = 2 * cs;
  if (!overwrite) {
    c00 += c[q]; c01 += c[q + j1]; c02 += c[q + j2];
    c10 += c[q1]; c11 += c[q1 + j1]; c12 += c[q1 + j2];
    c20 += c[q2]; c21 += c[q2 + j1]; c22 += c[q2 + j2];
    c30 += c[q3]; c31 += c[q3 + j1]; c32 += c[q3 + j2];
  }
  if (finish && bias !== null) {
    const b0 = bias[col], b1 = bias[col + 1], b2 = bias[col + 2];
    c00 += b0; c01 += b1; c02 += b2;
    c10 += b0; c11 += b1; c12 += b2;
    c20 += b0; c21 += b1; c22 += b2;
    c30 += b0; c31 += b1; c32 += b2;
  }
  if (finish && relu) {
    // v < 0 ? 0 : v keeps NaN (and -0), as TensorFlow's relu and the wasm pmax(v, 0) epilogue.
    c00 = c00 < 0 ? 0 : c00; c01 = c01 < 0 ? 0 : c01; c02 = c02 < 0 ? 0 : c02;
    c10 = c10 < 0 ? 0 : c10; c11 = c11 < 0 ? 0 : c11; c12 = c12 < 0 ? 0 : c12;
    c20 = c20 < 0 ? 0 : c20; c21 = c21 < 0 ? 0 : c21; c22 = c22 < 0 ? 0 : c22;
    c30 = c30 < 0 ? 0 : c30; c31 = c31 < 0 ? 0 : c31; c32 = c32 < 0 ? 0 : c32;
  }
  c[q] = c00; c[q + j1] = c01; c[q + j2] = c02;
  c[q1] = c10; c[q1 + j1] = c11; c[q1 + j2] = c12;
  c[q2] = c20; c[q2 + j1] = c21; c[q2 + j2] = c22;
  c[q3] = c30; c[q3 + j1] = c31; c[q3 + j2] = c32;
}

/** Copies the valid mr x nr corner of edgeTile into C, with the same accumulate and epilogue. */
function storeEdgeTile(
  c: Float32Array, base: number, rs: number, cs: number, mr: number, nr: number,
  overwrite: boolean, finish: boolean, bias: Float32Array | null, col: number, relu: boolean,
): void {
  for (let r = 0; r < mr; r++) {
    for (let j = 0, q = base + r * rs, t = r * NR; j < nr; j++, q += cs, t++) {
      let v = overwrite ? edgeTile[t] : edgeTile[t] + c[q];
      if (finish) {
        if (bias !== null) v += bias[col + j];
        if (relu && v < 0) v = 0;
      }
      c[q] = v;
    }
  }
}

/** The k = 0 product is all zeros; only the accumulated value and the epilogue remain. */
function storeEmptyProduct(
  m: number, n: number, c: StridedMatrix, accumulate: boolean, bias: Float32Array | null, relu: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const q = c.offset + i * c.rowStride + j * c.colStride;
      let v = accumulate ? c.data[q] : 0;
      if (bias !== null) v += bias[j];
      if (relu && v < 0) v = 0;
      c.data[q] = v;
    }
  }
}

/**
 * Batched C = act(op(A) op(B) + bias), C [batch, m, n]. A B of only n * k elements is one
 * matrix shared by every batch entry (the Backend contract's `bBatch` of 1).
 */
export function matMul(
  a: Float32Array, b: Float32Array,
  batch: number, m: number, n: number, k: number,
  transA: boolean, transB: boolean,
  bias?: Float32Array | null, activation?: FusedActivation,
): Float32Array {
  if (a.length !== batch * m * k) {
    throw new ShapeError(`matMul: A has ${a.length} elements, expected batch * m * k = ${batch} * ${m} * ${k}`);
  }
  const sharedB = b.length === n * k;
  if (!sharedB && b.length !== batch * n * k) {
    throw new ShapeError(`matMul: B has ${b.length} elements, expected n * k = ${n * k} or batch * n * k = ${batch * n * k}`);
  }
  if (bias != null && bias.length !== n) {
    throw new ShapeError(`matMul: bias has ${bias.length} elements, expected n = ${n}`);
  }
  const out = new Float32Array(batch * m * n);
  const bView: StridedMatrix = transB
    ? { data: b, offset: 0, rowStride: 1, colStride: k }
    : { data: b, offset: 0, rowStride: n, colStride: 1 };
  // With one shared B and row-major A, the batch is just more rows of a single GEMM, which
  // packs B once and keeps the tiles full.
  if (sharedB && !transA) {
    gemmInto(batch * m, n, k, { data: a, offset: 0, rowStride: k, colStride: 1 }, bView,
      { data: out, offset: 0, rowStride: n, colStride: 1 }, false, bias, activation);
    return out;
  }
  const aView: StridedMatrix = transA
    ? { data: a, offset: 0, rowStride: 1, colStride: m }
    : { data: a, offset: 0, rowStride: k, colStride: 1 };
  const cView: StridedMatrix = { data: out, offset: 0, rowStride: n, colStride: 1 };
  for (let i = 0; i < batch; i++) {
    aView.offset = i * m * k;
    bView.offset = sharedB ? 0 : i * n * k;
    cView.offset = i * m * n;
    gemmInto(m, n, k, aView, bView, cView, false, bias, activation);
  }
  return out;
}
