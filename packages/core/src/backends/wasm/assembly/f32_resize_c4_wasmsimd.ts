// Resize of NHWC images (UpSampling2D) by precomputed tables, one task per output row (n, r),
// f32x4 over channels. Bilinear: TensorFlow's top = tl + (tr - tl) * cf, bottom alike,
// y = top + (bottom - top) * rf, one f32 rounding per operation like the reference kernel.
import { J_A_PTR, J_COUNTER, J_FLAGS, J_GRID_H, J_GRID_W, J_NTASKS, J_OUT_PTR, J_SRC_C, J_SRC_H, J_SRC_W, J_X_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function resizeTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_resize_c4_wasmsimd(job, t);
  }
}

@inline function at32(base: usize, i: usize): usize {
  return base + (i << 2);
}

function f32_resize_c4_wasmsimd(job: usize, t: u32): void {
  const h = <usize>u32At(job, J_SRC_H), w = <usize>u32At(job, J_SRC_W), ch = <usize>u32At(job, J_SRC_C);
  const oh = <usize>u32At(job, J_GRID_H), ow = <usize>u32At(job, J_GRID_W);
  const n = <usize>t / oh, r = <usize>t % oh;
  const rowLo = ptrAt(job, J_A_PTR), rowHi = rowLo + (oh << 2), rowFrac = rowHi + (oh << 2);
  const colLo = rowFrac + (oh << 2), colHi = colLo + (ow << 2), colFrac = colHi + (ow << 2);
  const x = ptrAt(job, J_X_PTR);
  const pixel = ch << 2;
  let out = ptrAt(job, J_OUT_PTR) + <usize>t * ow * pixel;
  const top = x + (n * h + <usize>load<i32>(at32(rowLo, r))) * w * pixel;
  if (u32At(job, J_FLAGS) == 0) {
    for (let c: usize = 0; c < ow; c++, out += pixel) memory.copy(out, top + <usize>load<i32>(at32(colLo, c)) * pixel, pixel);
    return;
  }
  const bottom = x + (n * h + <usize>load<i32>(at32(rowHi, r))) * w * pixel;
  const rf = load<f32>(at32(rowFrac, r)), rf4 = f32x4.splat(rf);
  const split = ch & ~3;
  for (let c: usize = 0; c < ow; c++, out += pixel) {
    const left = <usize>load<i32>(at32(colLo, c)) * pixel, right = <usize>load<i32>(at32(colHi, c)) * pixel;
    const cf = load<f32>(at32(colFrac, c)), cf4 = f32x4.splat(cf);
    const tl = top + left, tr = top + right, bl = bottom + left, br = bottom + right;
    for (let d: usize = 0; d < split; d += 4) {
      const o = d << 2;
      const a = v128.load(tl + o), b = v128.load(bl + o);
      const u = f32x4.add(a, f32x4.mul(f32x4.sub(v128.load(tr + o), a), cf4));
      const v = f32x4.add(b, f32x4.mul(f32x4.sub(v128.load(br + o), b), cf4));
      v128.store(out + o, f32x4.add(u, f32x4.mul(f32x4.sub(v, u), rf4)));
    }
    for (let d = split; d < ch; d++) {
      const o = d << 2;
      const a = load<f32>(tl + o), b = load<f32>(bl + o);
      const u = a + (load<f32>(tr + o) - a) * cf;
      const v = b + (load<f32>(br + o) - b) * cf;
      store<f32>(out + o, u + (v - u) * rf);
    }
  }
}
