// Resize gradient (UpSampling2D's backward), one task per input row (n, i): the task zeroes its dx
// row and adds, in output order, every output row that read it (low corner before high), f32x4
// over channels. Tasks own disjoint dx rows and each sums in the reference's order, so the bits
// are the same for every thread count.
import { J_A_PTR, J_COUNTER, J_DY_PTR, J_FLAGS, J_GRID_H, J_GRID_W, J_NTASKS, J_OUT_PTR, J_SRC_C, J_SRC_H, J_SRC_W } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function resizeGradTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_resize_grad_c4_wasmsimd(job, t);
  }
}

@inline function at32(base: usize, i: usize): usize {
  return base + (i << 2);
}

/** dst[0..ch) += src[0..ch) * w. */
@inline function addScaled(dst: usize, src: usize, ch: usize, w: f32): void {
  const w4 = f32x4.splat(w), split = ch & ~3;
  for (let d: usize = 0; d < split; d += 4) {
    const o = d << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(v128.load(src + o), w4)));
  }
  for (let d = split; d < ch; d++) store<f32>(dst + (d << 2), load<f32>(dst + (d << 2)) + load<f32>(src + (d << 2)) * w);
}

@inline function addPlain(dst: usize, src: usize, ch: usize): void {
  const split = ch & ~3;
  for (let d: usize = 0; d < split; d += 4) v128.store(dst + (d << 2), f32x4.add(v128.load(dst + (d << 2)), v128.load(src + (d << 2))));
  for (let d = split; d < ch; d++) store<f32>(dst + (d << 2), load<f32>(dst + (d << 2)) + load<f32>(src + (d << 2)));
}

function addRow(job: usize, dxRow: usize, dyRow: usize, weight: f32, colLo: usize, colHi: usize, colFrac: usize, bilinear: bool): void {
  const ch = <usize>u32At(job, J_SRC_C), ow = <usize>u32At(job, J_GRID_W), pixel = ch << 2;
  for (let c: usize = 0; c < ow; c++) {
    const src = dyRow + c * pixel;
    const lo = dxRow + <usize>load<i32>(at32(colLo, c)) * pixel;
    if (!bilinear) {
      addPlain(lo, src, ch);
      continue;
    }
    const cf = load<f32>(at32(colFrac, c));
    addScaled(lo, src, ch, weight * (1 - cf));
    addScaled(dxRow + <usize>load<i32>(at32(colHi, c)) * pixel, src, ch, weight * cf);
  }
}

function f32_resize_grad_c4_wasmsimd(job: usize, t: u32): void {
  const h = <usize>u32At(job, J_SRC_H), w = <usize>u32At(job, J_SRC_W), ch = <usize>u32At(job, J_SRC_C);
  const oh = <usize>u32At(job, J_GRID_H), ow = <usize>u32At(job, J_GRID_W);
  const n = <usize>t / h, i = <i32>(<usize>t % h);
  const rowLo = ptrAt(job, J_A_PTR), rowHi = rowLo + (oh << 2), rowFrac = rowHi + (oh << 2);
  const colLo = rowFrac + (oh << 2), colHi = colLo + (ow << 2), colFrac = colHi + (ow << 2);
  const bilinear = u32At(job, J_FLAGS) != 0;
  const rowBytes = w * ch << 2;
  const dxRow = ptrAt(job, J_OUT_PTR) + <usize>t * rowBytes;
  memory.fill(dxRow, 0, rowBytes);
  const dy = ptrAt(job, J_DY_PTR) + n * oh * ow * (ch << 2);
  for (let r: usize = 0; r < oh; r++) {
    const dyRow = dy + r * ow * (ch << 2);
    const rf = load<f32>(at32(rowFrac, r));
    if (load<i32>(at32(rowLo, r)) == i) addRow(job, dxRow, dyRow, bilinear ? 1 - rf : 1, colLo, colHi, colFrac, bilinear);
    if (bilinear && load<i32>(at32(rowHi, r)) == i) addRow(job, dxRow, dyRow, rf, colLo, colHi, colFrac, bilinear);
  }
}
