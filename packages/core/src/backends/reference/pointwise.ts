// Elementwise activations with a parameter, and the backward passes that read saved values.

/** Backend.reluGrad: dy where y > 0, else 0 (y the relu output; NaN in y gives 0, as TensorFlow's ReluGrad). */
export function reluGrad(dy: Float32Array, y: Float32Array): Float32Array {
  const g = new Float32Array(dy.length);
  for (let i = 0; i < g.length; i++) g[i] = y[i] > 0 ? dy[i] : 0;
  return g;
}

/** Backend.elu: x for x > 0, alpha * (exp(x) - 1) otherwise. */
export function elu(x: Float32Array, alpha: number): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]);
  return y;
}

/** Backend.eluGrad: dy for x > 0, else dy * (y + alpha). */
export function eluGrad(dy: Float32Array, x: Float32Array, y: Float32Array, alpha: number): Float32Array {
  const g = new Float32Array(dy.length);
  for (let i = 0; i < dy.length; i++) g[i] = x[i] > 0 ? dy[i] : dy[i] * (y[i] + alpha);
  return g;
}

/** Backend.clip: x clamped to [min, max]. */
export function clip(x: Float32Array, min: number, max: number): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] < min ? min : x[i] > max ? max : x[i];
  return y;
}

/** Backend.clipGrad: dy where min <= x <= max, else 0. */
export function clipGrad(dy: Float32Array, x: Float32Array, min: number, max: number): Float32Array {
  const g = new Float32Array(dy.length);
  for (let i = 0; i < dy.length; i++) g[i] = x[i] >= min && x[i] <= max ? dy[i] : 0;
  return g;
}
