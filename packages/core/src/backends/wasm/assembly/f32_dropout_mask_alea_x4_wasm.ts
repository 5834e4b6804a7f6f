// Inverted-dropout mask from the Alea generator (scalar wasm, float64): the exact draws of the
// JS Alea in src/alea.ts. The sequence is cut into streams of J_CHANNEL_BLOCK draws whose start
// states the JS side computes by jumping ahead (aleaJump), so the mask is the sequential one for
// any number of threads. A task draws four consecutive streams in lockstep: four independent
// dependency chains keep the core busy where one chain would wait on each step's latency.
import { DROPOUT_STREAMS_PER_TASK, J_CHANNEL_BLOCK, J_COUNTER, J_M, J_NTASKS, J_OUT_PTR, J_X_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

const TWO_NEG_32: f64 = 2.3283064365386963e-10;

/** J_X_PTR: f64 [keep, scale], then [c, s0, s1, s2] per stream (left as after its draws); J_M draws in all; mask at J_OUT_PTR. */
export function dropoutMaskTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_dropout_mask_alea_x4_wasm(job, t * DROPOUT_STREAMS_PER_TASK);
  }
}

@inline function streamLength(n: u32, len: u32, stream: u32): u32 {
  const start = <u64>stream * <u64>len;
  return start >= <u64>n ? 0 : <u32>min<u64>(<u64>len, <u64>n - start);
}

function f32_dropout_mask_alea_x4_wasm(job: usize, first: u32): void {
  const p = ptrAt(job, J_X_PTR), n = u32At(job, J_M), len = u32At(job, J_CHANNEL_BLOCK), mask = ptrAt(job, J_OUT_PTR);
  const keep = load<f64>(p), scale = <f32>load<f64>(p, 8);
  const st = p + 16 + (<usize>first << 5);
  // Streams are consecutive and only the sequence's end is short: the fourth is the shortest.
  const common = streamLength(n, len, first + 3);
  let c0 = load<f64>(st), a0 = load<f64>(st, 8), b0 = load<f64>(st, 16), d0 = load<f64>(st, 24);
  let c1 = load<f64>(st, 32), a1 = load<f64>(st, 40), b1 = load<f64>(st, 48), d1 = load<f64>(st, 56);
  let c2 = load<f64>(st, 64), a2 = load<f64>(st, 72), b2 = load<f64>(st, 80), d2 = load<f64>(st, 88);
  let c3 = load<f64>(st, 96), a3 = load<f64>(st, 104), b3 = load<f64>(st, 112), d3 = load<f64>(st, 120);
  const stride = <usize>len << 2;
  let out = mask + (<usize>first * <usize>len << 2);
  for (let i: u32 = 0; i < common; i++, out += 4) {
    // Jumped streams start from states a seed reaches: 0 <= t < 2091640, so floor(t) is the JS
    // `t | 0` (and shorter on the dependency chain than a round trip through i32).
    const t0 = 2091639 * a0 + c0 * TWO_NEG_32, t1 = 2091639 * a1 + c1 * TWO_NEG_32;
    const t2 = 2091639 * a2 + c2 * TWO_NEG_32, t3 = 2091639 * a3 + c3 * TWO_NEG_32;
    a0 = b0; b0 = d0; c0 = floor<f64>(t0); d0 = t0 - c0;
    a1 = b1; b1 = d1; c1 = floor<f64>(t1); d1 = t1 - c1;
    a2 = b2; b2 = d2; c2 = floor<f64>(t2); d2 = t2 - c2;
    a3 = b3; b3 = d3; c3 = floor<f64>(t3); d3 = t3 - c3;
    store<f32>(out, d0 < keep ? scale : 0);
    store<f32>(out + stride, d1 < keep ? scale : 0);
    store<f32>(out + 2 * stride, d2 < keep ? scale : 0);
    store<f32>(out + 3 * stride, d3 < keep ? scale : 0);
  }
  store<f64>(st, c0); store<f64>(st, a0, 8); store<f64>(st, b0, 16); store<f64>(st, d0, 24);
  store<f64>(st, c1, 32); store<f64>(st, a1, 40); store<f64>(st, b1, 48); store<f64>(st, d1, 56);
  store<f64>(st, c2, 64); store<f64>(st, a2, 72); store<f64>(st, b2, 80); store<f64>(st, d2, 88);
  store<f64>(st, c3, 96); store<f64>(st, a3, 104); store<f64>(st, b3, 112); store<f64>(st, d3, 120);
  for (let k: u32 = 0; k < 3; k++) {
    const s = first + k;
    drawStream(st + (<usize>k << 5), mask + ((<usize>s * <usize>len + <usize>common) << 2), streamLength(n, len, s) - common, keep, scale);
  }
}

/** The rest of one stream, one draw at a time: `count` mask values from the state at `state`, left there after them. */
function drawStream(state: usize, out: usize, count: u32, keep: f64, scale: f32): void {
  let c = load<f64>(state), s0 = load<f64>(state, 8), s1 = load<f64>(state, 16), s2 = load<f64>(state, 24);
  for (let i: u32 = 0; i < count; i++, out += 4) {
    const t = 2091639 * s0 + c * TWO_NEG_32;
    s0 = s1;
    s1 = s2;
    c = <f64>(<i32>t); // truncation, the JS `t | 0`, for any state this is given
    s2 = t - c;
    store<f32>(out, s2 < keep ? scale : 0);
  }
  store<f64>(state, c);
  store<f64>(state, s0, 8);
  store<f64>(state, s1, 16);
  store<f64>(state, s2, 24);
}
