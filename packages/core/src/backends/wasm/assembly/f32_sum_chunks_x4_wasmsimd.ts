// The last step of a chunked reduction (the filter gradients of the depthwise and the small dense
// convs): out[i] = partial[0][i] + partial[1][i] + ... in chunk order, one task per J_CHANNEL_BLOCK
// floats, so the sum never depends on which thread computed which chunk.
import { J_CHANNEL_BLOCK, J_COUNTER, J_K, J_LDC, J_M, J_NTASKS, J_OUT_PTR, J_Y_PTR } from '../job_layout';
import { claimTask, i32At, ptrAt, u32At } from './job';

export function sumChunksTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) f32_sum_chunks_x4_wasmsimd(job, <i32>t);
}

/** Floats [t * block, (t + 1) * block) of the J_M-float sum of J_K partials, J_LDC floats apart, at J_Y_PTR. */
function f32_sum_chunks_x4_wasmsimd(job: usize, t: i32): void {
  const size = i32At(job, J_M), chunks = i32At(job, J_K), block = i32At(job, J_CHANNEL_BLOCK);
  const partials = ptrAt(job, J_Y_PTR), out = ptrAt(job, J_OUT_PTR);
  const chunkBytes = <usize>u32At(job, J_LDC) << 2;
  const i1 = min(size, (t + 1) * block);
  let i = t * block;
  for (; i + 4 <= i1; i += 4) {
    const at = <usize>i << 2;
    let s = v128.load(partials + at);
    for (let k = 1; k < chunks; k++) s = f32x4.add(s, v128.load(partials + <usize>k * chunkBytes + at));
    v128.store(out + at, s);
  }
  for (; i < i1; i++) {
    const at = <usize>i << 2;
    let s = load<f32>(partials + at);
    for (let k = 1; k < chunks; k++) s += load<f32>(partials + <usize>k * chunkBytes + at);
    store<f32>(out + at, s);
  }
}
