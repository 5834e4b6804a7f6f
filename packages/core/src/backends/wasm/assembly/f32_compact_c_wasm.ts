// Squeezes the GEMM's padded C (batch blocks of rows of ldc floats) into dense [batch, m, n] at
// the same address, so the JS side copies the result out in one block. Destinations never pass
// their sources (n <= ldc), so a forward sweep of memory.copy (memmove) is safe.
import { J_BATCH, J_C_BATCH_STRIDE, J_C_PTR, J_LDC, J_M, J_N } from '../job_layout';
import { ptrAt, u32At } from './job';

export function compactC(job: usize): void {
  const c = ptrAt(job, J_C_PTR);
  const batch = u32At(job, J_BATCH), m = u32At(job, J_M), n = u32At(job, J_N);
  const ldc = <usize>u32At(job, J_LDC), batchStride = <usize>u32At(job, J_C_BATCH_STRIDE);
  let dst = c;
  for (let b: u32 = 0; b < batch; b++) {
    let src = c + ((<usize>b * batchStride) << 2);
    for (let i: u32 = 0; i < m; i++) {
      memory.copy(dst, src, <usize>n << 2);
      dst += <usize>n << 2;
      src += ldc << 2;
    }
  }
}
