import type { ReduceKernel } from '../backend';

export function reduce(op: ReduceKernel, x: Float32Array, outer: number, size: number, inner: number): Float32Array {
  const out = new Float32Array(outer * inner);
  const init = op === 'sum' ? 0 : op === 'max' ? -Infinity : Infinity;
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    const row = out.subarray(o * inner, (o + 1) * inner);
    row.fill(init);
    for (let r = 0; r < size; r++) {
      const off = base + r * inner;
      if (op === 'sum') for (let i = 0; i < inner; i++) row[i] += x[off + i];
      else if (op === 'max') for (let i = 0; i < inner; i++) { const v = x[off + i]; if (v > row[i] || v !== v) row[i] = v; }
      else for (let i = 0; i < inner; i++) { const v = x[off + i]; if (v < row[i] || v !== v) row[i] = v; }
    }
  }
  return out;
}
