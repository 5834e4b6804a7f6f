// Packs B[k, n] into column panels of 8: panel jr is [k][8], zero padded past n, so the
// micro-kernel always reads two full f32x4 per k step.
import { J_BP_BATCH_STRIDE, J_BP_PTR, J_COUNTER, J_K, J_N, J_NTASKS, J_PB_BATCH_STRIDE, J_PB_CS, J_PB_PTR, J_PB_RS } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

/** One task per (batch entry, panel); tasks are claimed with an atomic counter. */
export function packBTasks(job: usize): void {
  const n = u32At(job, J_N), k = u32At(job, J_K);
  const panels = (n + 7) >> 3;
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    const bb = t / panels, jr = t % panels;
    const src = ptrAt(job, J_PB_PTR) + ((<usize>bb * u32At(job, J_PB_BATCH_STRIDE)) << 2);
    const dst = ptrAt(job, J_BP_PTR) + ((<usize>bb * u32At(job, J_BP_BATCH_STRIDE) + <usize>jr * k * 8) << 2);
    packPanel(src, dst, k, n, jr << 3, u32At(job, J_PB_RS), u32At(job, J_PB_CS));
  }
}

function packPanel(src: usize, dst: usize, k: u32, n: u32, j0: u32, rs: u32, cs: u32): void {
  const cols = min<u32>(8, n - j0);
  if (cs == 1 && cols == 8) {
    let s = src + (<usize>j0 << 2);
    for (let p: u32 = 0; p < k; p++) {
      v128.store(dst, v128.load(s));
      v128.store(dst, v128.load(s, 16), 16);
      s += <usize>rs << 2;
      dst += 32;
    }
    return;
  }
  for (let p: u32 = 0; p < k; p++) {
    const row = src + ((<usize>p * rs) << 2);
    for (let c: u32 = 0; c < 8; c++) {
      store<f32>(dst, c < cols ? load<f32>(row + ((<usize>(j0 + c) * cs) << 2)) : 0);
      dst += 4;
    }
  }
}
