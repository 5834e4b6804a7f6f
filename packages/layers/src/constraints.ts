import {
  add, checkOptions, clip, div, fmtValue, greaterEqual, mul, Registry, ShapeError, sqrt, square, sum, ValueError, type Tensor,
} from '@strata/core';
import type { SerializedConfig } from './initializers';

/** Keras's backend.epsilon(), which its norm constraints add to the norm (TensorFlow.js's too). */
const EPSILON = 1e-7;

/**
 * A projection applied to a weight after each optimizer step (Keras 3's
 * keras/src/constraints/constraints.py, same formulas and epsilon).
 */
export abstract class Constraint {
  abstract readonly className: string;
  abstract apply(w: Tensor): Tensor;
  /** Throws a ShapeError naming `who` if the constraint cannot apply to a weight of this shape. */
  checkShape(_shape: readonly number[], _who: string): void {}
  getConfig(): Record<string, unknown> {
    return {};
  }
}

type Axis = number | number[];

function checkAxis(axis: unknown, who: string): Axis {
  const ok = (a: unknown): a is number => Number.isInteger(a);
  if (ok(axis)) return axis;
  if (Array.isArray(axis) && axis.length > 0 && axis.every(ok)) return [...axis];
  throw new ValueError(`${who}: axis must be an integer or a non-empty array of integers, got ${fmtValue(axis)}`);
}

function checkNumber(v: unknown, who: string, arg: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new ValueError(`${who}: ${arg} must be a finite number >= ${min}, got ${fmtValue(v)}`);
  return v;
}

/** The L2 norms of w over `axis`, kept as size-1 axes so they broadcast back. */
function norms(w: Tensor, axis: Axis): Tensor {
  return sqrt(sum(square(w), axis, true));
}

abstract class NormConstraint extends Constraint {
  constructor(readonly axis: Axis) {
    super();
  }
  override checkShape(shape: readonly number[], who: string): void {
    const bad = (Array.isArray(this.axis) ? this.axis : [this.axis]).find((a) => a >= shape.length || a < -shape.length);
    if (bad !== undefined) throw new ShapeError(`${who}: ${this.className} axis ${bad} is outside the weight's ${shape.length} axes (shape [${shape.join(', ')}])`);
  }
}

/** w * clip(norm, 0, maxValue) / (epsilon + norm): norms over `axis` capped at maxValue. */
export class MaxNorm extends NormConstraint {
  readonly className = 'MaxNorm';
  readonly maxValue: number;
  constructor(args: { maxValue?: number; axis?: Axis } = {}) {
    const o = checkOptions(args, ['maxValue', 'axis'], 'MaxNorm');
    super(checkAxis(o.axis ?? 0, 'MaxNorm'));
    this.maxValue = checkNumber(o.maxValue ?? 2, 'MaxNorm', 'maxValue');
  }
  apply(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    return mul(w, div(clip(n, 0, this.maxValue), add(n, EPSILON)));
  }
  override getConfig(): Record<string, unknown> {
    return { maxValue: this.maxValue, axis: this.axis };
  }
}

/** w * (rate * clip(norm, minValue, maxValue) + (1 - rate) * norm) / (epsilon + norm). */
export class MinMaxNorm extends NormConstraint {
  readonly className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  constructor(args: { minValue?: number; maxValue?: number; rate?: number; axis?: Axis } = {}) {
    const o = checkOptions(args, ['minValue', 'maxValue', 'rate', 'axis'], 'MinMaxNorm');
    super(checkAxis(o.axis ?? 0, 'MinMaxNorm'));
    this.minValue = checkNumber(o.minValue ?? 0, 'MinMaxNorm', 'minValue');
    this.maxValue = checkNumber(o.maxValue ?? 1, 'MinMaxNorm', 'maxValue', this.minValue);
    this.rate = checkNumber(o.rate ?? 1, 'MinMaxNorm', 'rate');
  }
  apply(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    const desired = add(mul(clip(n, this.minValue, this.maxValue), this.rate), mul(n, 1 - this.rate));
    return mul(w, div(desired, add(n, EPSILON)));
  }
  override getConfig(): Record<string, unknown> {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

/** w * (w >= 0): negative weights become 0 (NaN stays NaN, as Keras's product). */
export class NonNeg extends Constraint {
  readonly className = 'NonNeg';
  apply(w: Tensor): Tensor {
    return mul(w, greaterEqual(w, 0));
  }
}

/** w / (epsilon + norm): unit norms over `axis`. */
export class UnitNorm extends NormConstraint {
  readonly className = 'UnitNorm';
  constructor(args: { axis?: Axis } = {}) {
    const o = checkOptions(args, ['axis'], 'UnitNorm');
    super(checkAxis(o.axis ?? 0, 'UnitNorm'));
  }
  apply(w: Tensor): Tensor {
    return div(w, add(norms(w, this.axis), EPSILON));
  }
  override getConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}

/** Keras's and TensorFlow.js's factories: `maxNorm({ maxValue: 3 })`, `nonNeg()`... */
export const maxNorm = (args?: { maxValue?: number; axis?: Axis }): MaxNorm => new MaxNorm(args);
export const minMaxNorm = (args?: { minValue?: number; maxValue?: number; rate?: number; axis?: Axis }): MinMaxNorm => new MinMaxNorm(args);
export const nonNeg = (): NonNeg => new NonNeg();
export const unitNorm = (args?: { axis?: Axis }): UnitNorm => new UnitNorm(args);

export type ConstraintIdentifier = 'maxNorm' | 'max_norm' | 'minMaxNorm' | 'min_max_norm' | 'nonNeg' | 'non_neg' | 'unitNorm' | 'unit_norm' | string | Constraint | SerializedConfig;

type Cfg = Record<string, unknown>;
/** Name -> constraint from a config; a bare name takes Keras's defaults. Class names resolve too ('MaxNorm'). */
const registry = new Registry<(c: Cfg) => Constraint>('constraint')
  .register('maxNorm', (c) => new MaxNorm(c))
  .register('minMaxNorm', (c) => new MinMaxNorm(c))
  .register('nonNeg', () => new NonNeg())
  .register('unitNorm', (c) => new UnitNorm(c));

export function getConstraint(id: ConstraintIdentifier | null | undefined, who = 'constraint'): Constraint | null {
  if (id === null || id === undefined) return null;
  if (id instanceof Constraint) return id;
  if (typeof id === 'string') return registry.get(id, who)({});
  if (typeof id === 'object' && typeof id.className === 'string') return registry.get(id.className, who)((id.config ?? {}) as Cfg);
  throw new ValueError(`${who}: expected a constraint name ('maxNorm', 'minMaxNorm', 'nonNeg', 'unitNorm'), a Constraint or { className, config }, got ${fmtValue(id)}`);
}

/** TensorFlow.js's serialised form: { className: 'MaxNorm', config: { maxValue, axis } }. */
export function serializeConstraint(c: Constraint | null): SerializedConfig | null {
  return c ? { className: c.className, config: c.getConfig() } : null;
}
