import { ShapeError, ValueError, reshape, fmtShape, type Tensor } from '@strata/core';
import { type LayerShape } from '@strata/layers';
import { BinaryCrossentropy } from '../losses/binary_crossentropy';
import { CategoricalCrossentropy } from '../losses/categorical_crossentropy';
import type { Loss } from '../losses/loss';
import { MeanSquaredError } from '../losses/mean_squared_error';
import { SparseCategoricalCrossentropy } from '../losses/sparse_categorical_crossentropy';
import { kerasShape, shapesCompatible } from './layer_stack';

/** A positive integer option, or a ValueError naming it. */
export function checkPositiveInteger(v: unknown, who: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new ValueError(`${who}: ${arg} must be a positive integer, got ${String(v)}`);
  return v;
}

/** A non-negative integer option, or a ValueError naming it. */
export function checkNonNegativeInteger(v: unknown, who: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ValueError(`${who}: ${arg} must be an integer >= 0, got ${String(v)}`);
  return v;
}

/** Rejects NaN and ±Infinity, naming the argument and the first bad position. */
export function checkFinite(t: Tensor, who: string, arg: string): void {
  const v = t.values;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new ValueError(`${who}: ${arg} contains ${v[i]} at flat index ${i} (sample ${Math.floor(i / Math.max(1, v.length / t.shape[0]))}); expected finite values`);
  }
}

/** x and y must be batched tensors with the same number of samples (and finite values). */
export function checkSamples(x: Tensor, y: Tensor, who: string, names: [string, string] = ['x', 'y']): void {
  if (x.rank === 0 || y.rank === 0) throw new ShapeError(`${who}: ${names[0]} and ${names[1]} need a batch axis, got shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)}`);
  if (x.shape[0] !== y.shape[0]) {
    throw new ShapeError(`${who}: ${names[0]} has ${x.shape[0]} samples (shape ${fmtShape(x.shape)}) but ${names[1]} has ${y.shape[0]} (shape ${fmtShape(y.shape)}); they must match`);
  }
  if (x.shape[0] === 0) throw new ValueError(`${who}: ${names[0]} holds no samples`);
  checkFinite(x, who, names[0]);
  checkFinite(y, who, names[1]);
}

/** Integer class labels for the sparse loss: shape [n, ...] (or with a trailing 1), values in [0, classes). */
function sparseLabels(y: Tensor, out: LayerShape, who: string, arg: string, loss: Loss): Tensor {
  const expected = out.slice(1, -1);
  const got = y.shape.slice(1);
  const withTrailing = shapesCompatible([...expected, 1], got);
  if (!shapesCompatible(expected, got) && !withTrailing) {
    throw new ShapeError(`${who}: ${arg} has shape ${fmtShape(y.shape)}; the loss '${loss.name}' expects integer class labels of shape ${fmtShape([y.shape[0], ...expected])} for the model output ${kerasShape(out)}${got.length === out.length - 1 ? ' (one-hot labels need categoricalCrossentropy)' : ''}`);
  }
  const classes = out[out.length - 1] as number;
  const v = y.values;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isInteger(v[i]) || v[i] < 0 || v[i] >= classes) {
      throw new ValueError(`${who}: ${arg}[${i}] = ${v[i]} is not an integer class index in [0, ${classes}) (the loss '${loss.name}' and the model's ${classes} output units)`);
    }
  }
  return withTrailing && got.length === expected.length + 1 ? reshape(y, [y.shape[0], ...y.shape.slice(1, -1)]) : y;
}

/**
 * Checks labels against the loss and the model's output shape before training, and returns
 * them in the shape the loss takes ([n] for a single-unit output becomes [n, 1]). Custom loss
 * functions get the labels as they are.
 */
export function prepareLabels(y: Tensor, loss: Loss, out: LayerShape, who: string, arg = 'y'): Tensor {
  if (loss instanceof SparseCategoricalCrossentropy) return sparseLabels(y, out, who, arg, loss);
  const known = loss instanceof CategoricalCrossentropy || loss instanceof BinaryCrossentropy || loss instanceof MeanSquaredError;
  if (!known) return y;
  const expected = out.slice(1);
  const got = y.shape.slice(1);
  if (shapesCompatible(expected, got)) return y;
  if (!(loss instanceof CategoricalCrossentropy) && expected[expected.length - 1] === 1 && shapesCompatible(expected.slice(0, -1), got)) {
    return reshape(y, [...y.shape, 1]);
  }
  const hint = loss instanceof CategoricalCrossentropy && got.length === expected.length - 1 ? ' (integer class labels need sparseCategoricalCrossentropy)' : '';
  const what = loss instanceof CategoricalCrossentropy ? 'one-hot labels' : 'labels';
  throw new ShapeError(`${who}: ${arg} has shape ${fmtShape(y.shape)} but the loss '${loss.name}' needs ${what} of shape ${fmtShape([y.shape[0], ...expected])} matching the model output ${kerasShape(out)}${hint}`);
}

/** Keras's class_weight: non-negative integer class keys, finite non-negative weights. */
export function checkClassWeight(cw: unknown, who: string): Record<number, number> | null {
  if (cw === undefined || cw === null) return null;
  if (typeof cw !== 'object') throw new ValueError(`${who}: classWeight must be an object {class: weight}, got ${String(cw)}`);
  for (const [k, w] of Object.entries(cw as Record<string, unknown>)) {
    if (!/^\d+$/.test(k)) throw new ValueError(`${who}: classWeight keys must be class indices (integers >= 0), got '${k}'`);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new ValueError(`${who}: classWeight[${k}] must be a finite number >= 0, got ${String(w)}`);
  }
  return cw as Record<number, number>;
}
