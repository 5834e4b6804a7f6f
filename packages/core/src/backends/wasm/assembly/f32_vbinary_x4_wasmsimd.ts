// Elementwise a op b on f32 arrays of J_M values (b a single value when J_K = 1), 4 lanes per
// f32x4, one task per J_CHANNEL_BLOCK values; each output depends on its own inputs only, so any
// partition gives the same bits. One IEEE f32 operation per value: what the reference's float64
// operation rounded to float32 gives for +, -, * and / (float64 has more than 2 * 24 + 2 bits).
import { BINARY_ADD, BINARY_DIV, BINARY_MUL, J_A_PTR, J_CHANNEL_BLOCK, J_COUNTER, J_FLAGS, J_K, J_M, J_NTASKS, J_OUT_PTR, J_X_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function binaryTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS), block = u32At(job, J_CHANNEL_BLOCK), n = u32At(job, J_M);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_vbinary_x4_wasmsimd(job, t * block, min<u32>(n, (t + 1) * block));
  }
}

@inline function apply4(op: u32, a: v128, b: v128): v128 {
  if (op == BINARY_ADD) return f32x4.add(a, b);
  if (op == BINARY_MUL) return f32x4.mul(a, b);
  if (op == BINARY_DIV) return f32x4.div(a, b);
  return f32x4.sub(a, b);
}

@inline function apply1(op: u32, a: f32, b: f32): f32 {
  if (op == BINARY_ADD) return a + b;
  if (op == BINARY_MUL) return a * b;
  if (op == BINARY_DIV) return a / b;
  return a - b;
}

function f32_vbinary_x4_wasmsimd(job: usize, i0: u32, i1: u32): void {
  const op = u32At(job, J_FLAGS), scalarB = u32At(job, J_K) == 1;
  const a = ptrAt(job, J_A_PTR), b = ptrAt(job, J_X_PTR), out = ptrAt(job, J_OUT_PTR);
  const split = i0 + ((i1 - i0) & ~3);
  const bs = load<f32>(b), bv = f32x4.splat(bs);
  for (let i = i0; i < split; i += 4) {
    const o = <usize>i << 2;
    // The op is loop-invariant: the branches in apply4 are predicted, and V8 does not unswitch.
    v128.store(out + o, apply4(op, v128.load(a + o), scalarB ? bv : v128.load(b + o)));
  }
  for (let i = split; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, apply1(op, load<f32>(a + o), scalarB ? bs : load<f32>(b + o)));
  }
}
