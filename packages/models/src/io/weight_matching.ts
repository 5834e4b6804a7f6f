import { DTypeError, fmtShape, ShapeError, ValueError } from '@strata/core';

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

/** The model weight a saved name refers to, or null. */
export function resolveName<T>(saved: string, byName: ReadonlyMap<string, T>): T | null {
  for (const name of candidateNames(saved)) {
    const v = byName.get(name);
    if (v) return v;
  }
  return null;
}

/** A weight of the model to be loaded, known from the topology before anything is built. */
export interface TargetWeight {
  /** `layer/kernel`, as the model will name it. */
  name: string;
  shape: readonly number[];
  /** The owning layer, as messages name it (`Dense 'dense_1'`). */
  owner: string;
}

/** A manifest entry: what the file says a weight is, before its bytes are read. */
export interface DeclaredWeight {
  name: string;
  shape: readonly number[];
  dtype?: string;
}

/**
 * Pairs every model weight with exactly one manifest entry of the same shape and dtype
 * (float32: every model weight is), or throws naming the weight, its layer and what was
 * expected. Needs only names and shapes, so it runs before any weight is read or built.
 * Returns the model weight name for each manifest name.
 */
export function matchWeights(targets: readonly TargetWeight[], saved: readonly DeclaredWeight[], where: string): Map<string, string> {
  const byName = new Map(targets.map((t) => [t.name, t]));
  const matched = new Map<string, string>(); // target -> saved
  for (const w of saved) {
    const target = resolveName(w.name, byName);
    if (!target) {
      throw new ValueError(`${where}: the weightsManifest has weight '${w.name}', which matches no weight of the model (expected: ${[...byName.keys()].join(', ')})`);
    }
    const prior = matched.get(target.name);
    if (prior !== undefined) throw new ValueError(`${where}: weights '${prior}' and '${w.name}' both match the model weight '${target.name}'`);
    if (w.shape.length !== target.shape.length || w.shape.some((d, i) => d !== target.shape[i])) {
      throw new ShapeError(`${where}: weight '${w.name}' has shape ${fmtShape(w.shape)} in the weightsManifest, but ${target.owner} expects ${fmtShape(target.shape)}`);
    }
    // Same byte size, other meaning: int32 bits read as float32 would load garbage.
    if ((w.dtype ?? 'float32') !== 'float32') {
      throw new DTypeError(`${where}: weight '${w.name}' has dtype '${w.dtype}' in the weightsManifest, but ${target.owner} holds it as float32`);
    }
    matched.set(target.name, w.name);
  }
  const missing = targets.filter((t) => !matched.has(t.name));
  if (missing.length > 0) {
    const list = missing.map((t) => `'${t.name}' (${t.owner}, shape ${fmtShape(t.shape)})`);
    throw new ValueError(`${where}: the weightsManifest lacks ${missing.length} weight${missing.length > 1 ? 's' : ''} of the model: ${list.join(', ')}`);
  }
  return new Map([...matched].map(([target, from]) => [from, target]));
}
