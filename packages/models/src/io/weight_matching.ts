import { ShapeError, ValueError, fmtShape, type Variable } from '@strata/core';
import { type Layer } from '@strata/layers';
import type { NamedWeight } from './weights_codec';

/**
 * Names to try for a saved weight, as TensorFlow.js's `loadWeights` does: the exact name, then
 * its rule (drop the token before the last), then with leading name scopes dropped, so
 * `sequential/dense/kernel` finds `dense/kernel`.
 */
export function candidateNames(saved: string): string[] {
  const tokens = saved.split('/');
  const out = [saved];
  if (tokens.length > 2) out.push([...tokens.slice(0, -2), tokens[tokens.length - 1]].join('/'));
  for (let i = 1; i < tokens.length - 1; i++) out.push(tokens.slice(i).join('/'));
  return out;
}

/** The model variable a saved name refers to, or null. */
export function resolveName(saved: string, byName: ReadonlyMap<string, Variable>): Variable | null {
  for (const name of candidateNames(saved)) {
    const v = byName.get(name);
    if (v) return v;
  }
  return null;
}

/**
 * Pairs every model weight with exactly one saved weight of the same shape, or throws naming
 * the weight, its layer and what was expected. Returns the values in `layers`' weight order.
 */
export function matchWeights(layers: readonly Layer[], saved: readonly NamedWeight[], where: string): Float32Array[] {
  const owner = new Map<string, Layer>();
  const byName = new Map<string, Variable>();
  for (const layer of layers) {
    for (const v of layer.weights) {
      owner.set(v.name, layer);
      byName.set(v.name, v);
    }
  }
  const values = new Map<string, { from: string; values: Float32Array }>();
  for (const w of saved) {
    const target = resolveName(w.name, byName);
    if (!target) {
      throw new ValueError(`${where}: the weightsManifest has weight '${w.name}', which matches no weight of the model (expected: ${[...byName.keys()].join(', ')})`);
    }
    const prior = values.get(target.name);
    if (prior) throw new ValueError(`${where}: weights '${prior.from}' and '${w.name}' both match the model weight '${target.name}'`);
    if (w.shape.length !== target.shape.length || w.shape.some((d, i) => d !== target.shape[i])) {
      const layer = owner.get(target.name) as Layer;
      throw new ShapeError(`${where}: weight '${w.name}' has shape ${fmtShape(w.shape)} in the weightsManifest, but ${layer.describe()} expects ${fmtShape(target.shape)}`);
    }
    values.set(target.name, { from: w.name, values: w.values });
  }
  const missing = [...byName.keys()].filter((n) => !values.has(n));
  if (missing.length > 0) {
    const list = missing.map((n) => `'${n}' (${(owner.get(n) as Layer).describe()}, shape ${fmtShape((byName.get(n) as Variable).shape)})`);
    throw new ValueError(`${where}: the weightsManifest lacks ${missing.length} weight${missing.length > 1 ? 's' : ''} of the model: ${list.join(', ')}`);
  }
  return [...byName.keys()].map((n) => (values.get(n) as { values: Float32Array }).values);
}
