import type { BinaryKernel, UnaryKernel } from '../backend';
import { sizeOf, stridesOf } from '../../util/shape';

const unaryFns: Record<UnaryKernel, (v: number) => number> = {
  neg: (v) => -v,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  square: (v) => v * v,
  abs: Math.abs,
  // v < 0 ? 0 : v, not v > 0 ? v : 0: NaN (and -0) pass through, as in TensorFlow.
  relu: (v) => (v < 0 ? 0 : v),
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
  // C and TensorFlow: pow(1, y) = 1 and pow(-1, +-Infinity) = 1; Math.pow gives NaN for both.
  pow: (a, b) => (a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b)),
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

type Loop = (a: Float32Array, b: Float32Array, out: Float32Array, n: number, aStep: number, bStep: number) => void;

/**
 * One monomorphic loop per arithmetic op: calling an op function per element through a shared
 * loop is megamorphic and several times slower, and these four carry every training step.
 * aStep/bStep are 1 for a full operand and 0 for a broadcast scalar.
 */
const fastLoops: Partial<Record<BinaryKernel, Loop>> = {
  add: (a, b, o, n, sa, sb) => { for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) o[i] = a[ia] + b[ib]; },
  sub: (a, b, o, n, sa, sb) => { for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) o[i] = a[ia] - b[ib]; },
  mul: (a, b, o, n, sa, sb) => { for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) o[i] = a[ia] * b[ib]; },
  div: (a, b, o, n, sa, sb) => { for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) o[i] = a[ia] / b[ib]; },
};

function genericLoop(f: (x: number, y: number) => number): Loop {
  return (a, b, o, n, sa, sb) => { for (let i = 0, ia = 0, ib = 0; i < n; i++, ia += sa, ib += sb) o[i] = f(a[ia], b[ib]); };
}

export function binary(
  op: BinaryKernel,
  a: Float32Array, aShape: readonly number[],
  b: Float32Array, bShape: readonly number[],
  outShape: readonly number[],
): Float32Array {
  const loop = fastLoops[op] ?? genericLoop(binaryFns[op]);
  const n = sizeOf(outShape);
  const out = new Float32Array(n);
  if (a.length === n && b.length === n) {
    loop(a, b, out, n, 1, 1);
    return out;
  }
  if (b.length === 1 && a.length === n) {
    loop(a, b, out, n, 1, 0);
    return out;
  }
  if (a.length === 1 && b.length === n) {
    loop(a, b, out, n, 0, 1);
    return out;
  }
  // A trailing block broadcast over leading rows ([N, C] op [C], a bias or a per-channel scale).
  if (a.length === n && b.length > 0 && n % b.length === 0 && sameTail(bShape, outShape)) {
    const c = b.length;
    for (let o = 0; o < n; o += c) loop(a.subarray(o, o + c), b, out.subarray(o, o + c), c, 1, 1);
    return out;
  }
  // General case: walk the output with an odometer over all axes but the last, and run the
  // last axis as a tight loop with per-operand steps (0 when broadcast).
  const rank = outShape.length;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const last = outShape[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += last) {
    loop(a.subarray(ia), b.subarray(ib), out.subarray(o, o + last), last, sa[rank - 1], sb[rank - 1]);
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

/** Whether `shape` (ignoring leading 1s) equals the trailing axes of `outShape`. */
function sameTail(shape: readonly number[], outShape: readonly number[]): boolean {
  let s = 0;
  while (s < shape.length && shape[s] === 1) s++;
  const tail = shape.length - s;
  if (tail === 0) return false;
  for (let i = 0; i < tail; i++) if (shape[s + i] !== outShape[outShape.length - tail + i]) return false;
  return true;
}
