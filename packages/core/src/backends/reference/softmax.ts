// Softmax family on x viewed as [outer, n, inner], normalised over the middle axis.

/**
 * Backend.logSoftmax: log(softmax(x)) = (x - max) - log(sum(exp(x - max))). Subtracting the max
 * keeps exp in range, and subtracting it from x first keeps the result exact for logits of any magnitude (with
 * x - (max + log(s)), max + log(s) rounds to max from about 1e16, and tied logits lose log(2)).
 */
export function logSoftmax(x: Float32Array, outer: number, n: number, inner: number): Float32Array {
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

/** Backend.softmaxGrad: y * (dy - sum(dy * y)), y the softmax output. */
export function softmaxGrad(dy: Float32Array, y: Float32Array, outer: number, n: number, inner: number): Float32Array {
  return sliceWise(dy, y, outer, n, inner, (d, yk, dot) => yk * (d - dot));
}

/** Backend.logSoftmaxGrad: dy - p * sum(dy), p = exp(y) the softmax of the logSoftmax output y. */
export function logSoftmaxGrad(dy: Float32Array, y: Float32Array, outer: number, n: number, inner: number): Float32Array {
  return sliceWise(dy, y.map(Math.exp), outer, n, inner, (d, pk, _dot, sum) => d - pk * sum);
}
