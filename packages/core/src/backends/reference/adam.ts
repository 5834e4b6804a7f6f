/** Backend.adamUpdate: w, m and v updated in place, element by element in float64. */
export function adamUpdate(
  w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, alpha: number, beta1: number, beta2: number, epsilon: number,
): void {
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    m[i] += (gi - m[i]) * c1;
    v[i] += (gi * gi - v[i]) * c2;
    w[i] -= (m[i] * alpha) / (Math.sqrt(v[i]) + epsilon);
  }
}
