// Entry point of the kernel module. Every thread (the main thread and each worker) instantiates
// this module on the same shared memory and calls `run` with the job the main thread wrote.
import { OP_COMPACT_C, OP_FAULT, OP_GEMM, OP_MAX_POOL, OP_PACK_B } from '../job_layout';
import { compactC } from './compact_c';
import { gemmTasks } from './gemm';
import { maxPoolTasks } from './max_pool';
import { packBTasks } from './pack_b';

export function run(op: i32, job: usize, tid: u32): void {
  if (op == OP_GEMM) gemmTasks(job, tid);
  else if (op == OP_PACK_B) packBTasks(job);
  else if (op == OP_MAX_POOL) maxPoolTasks(job);
  else if (op == OP_COMPACT_C) compactC(job);
  else if (op == OP_FAULT && tid > 0) unreachable();
}
