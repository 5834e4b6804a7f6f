import type { BinaryKernel, UnaryKernel } from '../backend';
import { sizeOf, stridesOf } from '../../util/shape';

const unaryFns: Record<UnaryKernel, (v: number) => number> = {
  neg: (v) => -v,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  square: (v) => v * v,
  abs: Math.abs,
  relu: (v) => (v > 0 ? v : 0),
  // Split by sign so exp never overflows for large |v|.
  sigmoid: (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
  tanh: Math.tanh,
  sign: Math.sign,
  reciprocal: (v) => 1 / v,
};

export function unary(op: UnaryKernel, x: Float32Array): Float32Array {
  const f = unaryFns[op];
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

const binaryFns: Record<BinaryKernel, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  maximum: (a, b) => (a >= b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a <= b || Number.isNaN(a) ? a : b),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
  equal: (a, b) => (a === b ? 1 : 0),
};

/** Strides of `shape` aligned to `outShape`, 0 on broadcast axes. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const off = outShape.length - shape.length;
  return outShape.map((_d, i) => (i < off || shape[i - off] === 1 ? 0 : own[i - off]));
}

export function binary(
  op: BinaryKernel,
  a: Float32Array, aShape: readonly number[],
  b: Float32Array, bShape: readonly number[],
  outShape: readonly number[],
): Float32Array {
  const f = binaryFns[op];
  const n = sizeOf(outShape);
  const out = new Float32Array(n);
  if (a.length === n && b.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
    return out;
  }
  if (b.length === 1 && a.length === n) {
    const bv = b[0];
    for (let i = 0; i < n; i++) out[i] = f(a[i], bv);
    return out;
  }
  if (a.length === 1 && b.length === n) {
    const av = a[0];
    for (let i = 0; i < n; i++) out[i] = f(av, b[i]);
    return out;
  }
  // General case: walk the output with an odometer over all axes but the last, and run the
  // last axis as a tight loop with per-operand steps (0 when broadcast).
  const rank = outShape.length;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const last = outShape[rank - 1];
  const stepA = sa[rank - 1];
  const stepB = sb[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += last) {
    for (let j = 0, pa = ia, pb = ib; j < last; j++, pa += stepA, pb += stepB) out[o + j] = f(a[pa], b[pb]);
    for (let ax = rank - 2; ax >= 0; ax--) {
      idx[ax]++;
      ia += sa[ax];
      ib += sb[ax];
      if (idx[ax] < outShape[ax]) break;
      ia -= sa[ax] * outShape[ax];
      ib -= sb[ax] * outShape[ax];
      idx[ax] = 0;
    }
  }
  return out;
}
