import type { AdamArrays } from '../backend';
import { referenceBackend } from '../reference';
import * as J from './job_layout';
import { getRuntime } from './runtime';

/** Elements per task; below two blocks in all the update stays on the calling thread. */
const BLOCK = 1 << 16;

/**
 * Backend.adamUpdate in wasm: one job over every variable whose w, m, v (and vHat) live in the heap
 * (variables and their optimizer slots do), so nothing is copied and a step wakes the workers once;
 * any other variable goes to the reference kernel, which gives the same bits.
 */
export function adamUpdate(variables: readonly AdamArrays[], alpha: number, beta1: number, beta2: number, epsilon: number): void {
  const rt = getRuntime();
  const heap = rt.heap;
  const resident: AdamArrays[] = [];
  for (const arrays of variables) {
    const { w, m, v, vHat } = arrays;
    if ([w, m, v, ...(vHat ? [vHat] : [])].every((a) => heap.offsetOf(a) >= 0)) resident.push(arrays);
    else referenceBackend.adamUpdate([arrays], alpha, beta1, beta2, epsilon);
  }
  if (resident.length === 0) return;
  heap.reset();
  const params = heap.alloc(4 * 8);
  new Float64Array(heap.memory.buffer, params, 4).set([alpha, 1 - beta1, 1 - beta2, epsilon]);
  const gradients = resident.map(({ g }) => heap.input(g)); // copies any gradient first: no view below goes stale
  const table = heap.alloc(resident.length * J.ADAM_ENTRY_WORDS * 4);
  const entries = new Uint32Array(heap.memory.buffer, table, resident.length * J.ADAM_ENTRY_WORDS);
  let tasks = 0;
  let elements = 0;
  resident.forEach(({ w, m, v, vHat }, i) => {
    const entry = entries.subarray(i * J.ADAM_ENTRY_WORDS, (i + 1) * J.ADAM_ENTRY_WORDS);
    entry[J.ADAM_W] = heap.offsetOf(w);
    entry[J.ADAM_G] = gradients[i];
    entry[J.ADAM_M] = heap.offsetOf(m);
    entry[J.ADAM_V] = heap.offsetOf(v);
    entry[J.ADAM_V_HAT] = vHat ? heap.offsetOf(vHat) : 0;
    entry[J.ADAM_LENGTH] = w.length;
    entry[J.ADAM_FIRST_TASK] = tasks;
    tasks += Math.ceil(w.length / BLOCK);
    elements += w.length;
  });
  const job = rt.newJob();
  job[J.J_A_PTR] = table;
  job[J.J_M] = resident.length;
  job[J.J_X_PTR] = params;
  job[J.J_CHANNEL_BLOCK] = BLOCK;
  job[J.J_NTASKS] = tasks;
  rt.run(J.OP_ADAM, elements >= 2 * BLOCK);
}
