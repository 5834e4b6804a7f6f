// Reads job fields (see ../job_layout.ts) from shared memory.

@inline export function u32At(job: usize, field: i32): u32 {
  return load<u32>(job + (<usize>field << 2));
}

@inline export function i32At(job: usize, field: i32): i32 {
  return load<i32>(job + (<usize>field << 2));
}

@inline export function ptrAt(job: usize, field: i32): usize {
  return <usize>load<u32>(job + (<usize>field << 2));
}

/** Claims the next task of a job; returns ntasks when all are taken. */
@inline export function claimTask(job: usize, counter: i32, ntasks: u32): u32 {
  const t = atomic.add<u32>(job + (<usize>counter << 2), 1);
  return t < ntasks ? t : ntasks;
}
