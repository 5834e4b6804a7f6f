import { record } from '../autograd/record';
import type { Tensor } from '../tensor/tensor';
import { normalizeAxis, sizeOf } from '../util/shape';
import { float } from './util';

export { relu, sigmoid, tanh, elu } from './unary';

/** Views `shape` as [outer, n, inner] around `axis`. */
function around(shape: readonly number[], axis: number, op: string): [number, number, number] {
  const ax = normalizeAxis(axis, shape.length, op);
  return [sizeOf(shape.slice(0, ax)), shape[ax], sizeOf(shape.slice(ax + 1))];
}

/**
 * log(softmax(x)) = (x - max) - log(sum(exp(x - max))): subtracting the max keeps exp in range,
 * and subtracting it from x first keeps the result exact for logits of any magnitude (with
 * x - (max + log(s)), max + log(s) rounds to max from about 1e16, and tied logits lose log(2)).
 */
function logSoftmaxRaw(x: Float32Array, outer: number, n: number, inner: number): Float32Array {
  const y = new Float32Array(x.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, x[base + k * inner]);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(x[base + k * inner] - m);
      const logS = Math.log(s);
      for (let k = 0; k < n; k++) y[base + k * inner] = x[base + k * inner] - m - logS;
    }
  }
  return y;
}

/** For each slice along the axis: g = dy - w * sum(dy), where w is the softmax (logSoftmax grad). */
function sliceWise(
  dy: Float32Array, w: Float32Array, outer: number, n: number, inner: number,
  f: (d: number, wk: number, dot: number, sum: number) => number,
): Float32Array {
  const g = new Float32Array(dy.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let dot = 0;
      let sum = 0;
      for (let k = 0; k < n; k++) {
        dot += dy[base + k * inner] * w[base + k * inner];
        sum += dy[base + k * inner];
      }
      for (let k = 0; k < n; k++) g[base + k * inner] = f(dy[base + k * inner], w[base + k * inner], dot, sum);
    }
  }
  return g;
}

export function softmax(x: Tensor, axis = -1): Tensor {
  const [outer, n, inner] = around(x.shape, axis, 'softmax');
  const y = logSoftmaxRaw(x.f32, outer, n, inner);
  for (let i = 0; i < y.length; i++) y[i] = Math.exp(y[i]);
  return record(float(y, x.shape), 'softmax', [x], (dy) => [
    // d softmax: y * (dy - sum(dy * y))
    float(sliceWise(dy.f32, y, outer, n, inner, (d, yk, dot) => yk * (d - dot)), x.shape),
  ]);
}

export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const [outer, n, inner] = around(x.shape, axis, 'logSoftmax');
  const y = logSoftmaxRaw(x.f32, outer, n, inner);
  return record(float(y, x.shape), 'logSoftmax', [x], (dy) => {
    const p = y.map(Math.exp);
    // d logSoftmax: dy - softmax * sum(dy)
    return [float(sliceWise(dy.f32, p, outer, n, inner, (d, pk, _dot, sum) => d - pk * sum), x.shape)];
  });
}
