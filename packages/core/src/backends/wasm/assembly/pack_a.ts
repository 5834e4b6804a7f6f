// Packs an mc x kc block of A into row panels of 4: panel ip is [kc][4] (rows 4ip..4ip+3 for
// each k), zero padded past the last row, so the 4x8 micro-kernel splats one float per row per k.
// Three ways to read A: a strided matrix, implicit im2col of an NHWC image (conv forward and input
// gradient) or its transpose (conv filter gradient). No im2col matrix is ever stored.
import { A_IM2COL, A_IM2COL_T, J_A_BATCH_STRIDE, J_A_CS, J_A_MODE, J_A_PTR, J_A_RS } from '../job_layout';
import { ptrAt, u32At } from './job';
import { packAIm2col } from './f32_pack_a_im2col_4_wasmsimd';
import { packAIm2colT } from './f32_pack_a_im2col_t_4_wasmsimd';
import { packAStrided } from './f32_pack_a_strided_4_wasmsimd';

/** Packs rows [i0, i0 + rows) (all inside A) of batch entry `batch`, columns [p0, p0 + kc). */
export function packA(job: usize, batch: u32, i0: u32, rows: u32, p0: u32, kc: u32, dst: usize): void {
  const mode = u32At(job, J_A_MODE);
  const panelRows = (rows + 3) & ~3;
  if (mode == A_IM2COL) {
    packAIm2col(job, i0, panelRows, rows, p0, kc, dst);
  } else if (mode == A_IM2COL_T) {
    packAIm2colT(job, i0, panelRows, rows, p0, kc, dst);
  } else {
    const src = ptrAt(job, J_A_PTR) + ((<usize>batch * u32At(job, J_A_BATCH_STRIDE)) << 2);
    packAStrided(src, u32At(job, J_A_RS), u32At(job, J_A_CS), i0, panelRows, rows, p0, kc, dst);
  }
}
