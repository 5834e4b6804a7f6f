const counters = new Map<string, number>();

/** Process-unique names: conv2d, conv2d_1, conv2d_2, ... (Keras's scheme). */
export function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/**
 * Marks a name as taken (a layer loaded from a file keeps its saved name): the counter of its
 * base moves past it, so `dense_1` loaded makes the next new Dense `dense_2`, never a duplicate.
 */
export function reserveName(name: string): void {
  const m = /^(.*)_(\d+)$/.exec(name);
  const [base, used] = m ? [m[1], Number(m[2]) + 1] : [name, 1];
  if ((counters.get(base) ?? 0) < used) counters.set(base, used);
}
