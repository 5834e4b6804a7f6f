import { DTypeError, ShapeError, ValueError, type Variable } from '@strata/core';
import type { Optimizer, OptimizerState, Slots } from '../optimizers/optimizer';
import { resolveName } from './weight_matching';
import type { NamedWeight } from './weights_codec';

/** TensorFlow.js's name for the step count, the first optimizer weight. */
const ITERATIONS = 'iter';
/** TensorFlow.js's RMSProp slot names -> Strata's. */
const slotAliases: Record<string, string> = { rms: 'velocity', mg: 'averageGradient' };

/**
 * The optimizer's state as manifest weights laid out as TensorFlow.js lays them out (its
 * `setWeights` reads them by position): `iter` (int32), then each slot for every variable in
 * model order, `<variable>/<slot>` (Adam: all `m`, then all `v`), all in group 'optimizer'.
 */
export function optimizerWeights(optimizer: Optimizer, variables: readonly Variable[]): NamedWeight[] {
  const state = optimizer.getState();
  const order = variables.map((v) => v.name).filter((n) => Object.hasOwn(state.slots, n));
  const shapes = new Map(variables.map((v) => [v.name, v.shape]));
  const slotNames = order.length ? Object.keys(state.slots[order[0]]) : [];
  const out: NamedWeight[] = [{ name: ITERATIONS, shape: [], values: Float32Array.of(state.iterations), dtype: 'int32', group: 'optimizer' }];
  for (const slot of slotNames) {
    for (const name of order) {
      out.push({ name: `${name}/${slot}`, shape: [...(shapes.get(name) as number[])], values: state.slots[name][slot], group: 'optimizer' });
    }
  }
  return out;
}

/**
 * Optimizer state from the manifest's optimizer weights. Variable names are matched as model
 * weights are; every slot must name a trainable weight and have its shape.
 */
export function optimizerStateFrom(saved: readonly NamedWeight[], variables: readonly Variable[], where: string): OptimizerState {
  const byName = new Map(variables.map((v) => [v.name, v]));
  let iterations = 0;
  const slots: Record<string, Slots> = {};
  for (const w of saved) {
    if (w.name === ITERATIONS || w.name.endsWith(`/${ITERATIONS}`)) {
      iterations = w.values[0];
      if (w.values.length !== 1 || !Number.isInteger(iterations) || iterations < 0) {
        throw new ValueError(`${where}: optimizer weight '${w.name}' must be one integer >= 0, got [${Array.from(w.values.slice(0, 4)).join(', ')}]`);
      }
      continue;
    }
    const cut = w.name.lastIndexOf('/');
    const variable = cut > 0 ? resolveName(w.name.slice(0, cut), byName) : null;
    if (!variable) {
      throw new ValueError(`${where}: optimizer weight '${w.name}' names no trainable weight of the model (expected '<weight>/<slot>' with a weight among ${[...byName.keys()].join(', ')})`);
    }
    if (w.shape.length !== variable.shape.length || w.shape.some((d, i) => d !== variable.shape[i])) {
      throw new ShapeError(`${where}: optimizer weight '${w.name}' has shape [${w.shape.join(', ')}], but the weight '${variable.name}' has shape [${variable.shape.join(', ')}]`);
    }
    if ((w.dtype ?? 'float32') !== 'float32') {
      throw new DTypeError(`${where}: optimizer weight '${w.name}' has dtype '${w.dtype}' in the weightsManifest, expected float32`);
    }
    const raw = w.name.slice(cut + 1);
    const slot = Object.hasOwn(slotAliases, raw) ? slotAliases[raw] : raw;
    (slots[variable.name] ??= {})[slot] = w.values;
  }
  return { iterations, slots };
}
