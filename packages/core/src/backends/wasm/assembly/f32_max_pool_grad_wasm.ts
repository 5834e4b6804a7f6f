// Max-pool gradient (scalar wasm): dx[argmax[i]] += dy[i], one task per image. Every argmax of an
// image points into that image, so tasks never touch the same dx; within a task the outputs are
// added in index order, as the reference does: the same bits for every thread count.
import { J_ARGMAX_PTR, J_COUNTER, J_DY_PTR, J_M, J_N, J_NTASKS, J_OUT_PTR } from '../job_layout';
import { claimTask, ptrAt, u32At } from './job';

export function maxPoolGradTasks(job: usize): void {
  const ntasks = u32At(job, J_NTASKS);
  for (let t = claimTask(job, J_COUNTER, ntasks); t < ntasks; t = claimTask(job, J_COUNTER, ntasks)) {
    f32_max_pool_grad_wasm(job, t);
  }
}

function f32_max_pool_grad_wasm(job: usize, image: u32): void {
  const outputs = <usize>u32At(job, J_M), inputs = <usize>u32At(job, J_N);
  const dx = ptrAt(job, J_OUT_PTR);
  memory.fill(dx + ((<usize>image * inputs) << 2), 0, inputs << 2);
  const first = <usize>image * outputs;
  const dy = ptrAt(job, J_DY_PTR) + (first << 2), argmax = ptrAt(job, J_ARGMAX_PTR) + (first << 2);
  for (let i: usize = 0; i < outputs; i++) {
    const at = dx + (<usize>load<i32>(argmax + (i << 2)) << 2);
    store<f32>(at, load<f32>(at) + load<f32>(dy + (i << 2)));
  }
}
