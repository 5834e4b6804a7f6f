import type { AdamArrays } from '../backend';

/** Backend.adamUpdate: w, m, v (and vHat) updated in place, element by element in float64. */
export function adamUpdate(variables: readonly AdamArrays[], alpha: number, beta1: number, beta2: number, epsilon: number): void {
  for (const arrays of variables) adamUpdateOne(arrays, alpha, 1 - beta1, 1 - beta2, epsilon);
}

/** One variable's update; the wasm backend runs it for arrays outside its memory. */
export function adamUpdateOne({ w, g, m, v, vHat }: AdamArrays, alpha: number, c1: number, c2: number, epsilon: number): void {
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    m[i] += (gi - m[i]) * c1;
    v[i] += (gi * gi - v[i]) * c2;
    let s = v[i];
    if (vHat) {
      // max without Math.max: a NaN v leaves vHat as it was.
      if (s > vHat[i]) vHat[i] = s;
      s = vHat[i];
    }
    w[i] -= (m[i] * alpha) / (Math.sqrt(s) + epsilon);
  }
}
