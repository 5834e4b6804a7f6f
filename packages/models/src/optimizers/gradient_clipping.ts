/**
 * Gradient clipping as Keras's base optimizer applies it, before weight decay and the update.
 * Each function returns its input untouched when nothing needs clipping, so the common case
 * allocates nothing.
 */

function l2Norm(g: Float32Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return Math.sqrt(s);
}

function scaled(g: Float32Array, factor: number): Float32Array {
  if (factor === 1) return g;
  const out = new Float32Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = g[i] * factor;
  return out;
}

/** Keras `clipnorm`: each gradient on its own, `g * c / max(||g||, c)`. */
export function clipByNorm(g: Float32Array, clipNorm: number): Float32Array {
  return scaled(g, clipNorm / Math.max(l2Norm(g), clipNorm));
}

/** Keras `global_clipnorm`: all gradients by one factor, `c / max(||[g1, g2, ...]||, c)`. */
export function clipByGlobalNorm(grads: readonly Float32Array[], clipNorm: number): Float32Array[] {
  let s = 0;
  for (const g of grads) s += l2Norm(g) ** 2;
  const factor = clipNorm / Math.max(Math.sqrt(s), clipNorm);
  return grads.map((g) => scaled(g, factor));
}

/** Keras `clipvalue`: elementwise into [-v, v]. */
export function clipByValue(g: Float32Array, v: number): Float32Array {
  let inside = true;
  for (let i = 0; i < g.length && inside; i++) inside = g[i] >= -v && g[i] <= v;
  if (inside) return g;
  const out = new Float32Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = g[i] < -v ? -v : g[i] > v ? v : g[i];
  return out;
}
