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

/** Backend.argmax: index of the largest value over the middle axis of [outer, n, inner] (first on ties). */
export function argmax(x: Float32Array, outer: number, n: number, inner: number): Int32Array {
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = -Infinity;
      let bestK = 0;
      for (let k = 0; k < n; k++) {
        const val = x[(o * n + k) * inner + i];
        if (val > best) {
          best = val;
          bestK = k;
        }
      }
      out[o * inner + i] = bestK;
    }
  }
  return out;
}
