import { ValueError } from '../errors';

/**
 * How many in-image taps each output row (or column) window covers, checking that none lies
 * entirely in the padding (pool2dInfo never makes one; a hand-built Pool2dInfo can). TensorFlow's
 * 'same' average pool divides by this count, not by the window size.
 */
export function windowCounts(outSize: number, inSize: number, pool: number, stride: number, pad: number, op: string, axis: 'row' | 'column'): Int32Array {
  const counts = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const start = o * stride - pad;
    counts[o] = Math.min(start + pool, inSize) - Math.max(start, 0);
    if (counts[o] <= 0) throw new ValueError(`${op}: output ${axis} ${o} has a window entirely in the padding`);
  }
  return counts;
}
