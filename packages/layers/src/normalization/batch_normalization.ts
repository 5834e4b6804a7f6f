import { batchNormInference, batchNormTraining, fmtShape, fmtValue, optionKeys, transpose, ValueError, type Tensor, type Variable } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers';
import { getRegularizer, serializeRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers';
import { checkBoolean } from '../utils/args';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints';

export interface BatchNormalizationArgs extends LayerArgs {
  axis?: number;
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

const BATCH_NORM_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<BatchNormalizationArgs, keyof LayerArgs>>()({
  axis: true, momentum: true, epsilon: true, center: true, scale: true, betaInitializer: true, gammaInitializer: true,
  movingMeanInitializer: true, movingVarianceInitializer: true, betaRegularizer: true, gammaRegularizer: true, betaConstraint: true, gammaConstraint: true,
})];

/**
 * Keras's BatchNormalization. Training: normalise with the batch mean and biased variance over
 * every axis but `axis`, then moving = moving * momentum + batch * (1 - momentum).
 * Inference (or a frozen layer, as Keras 3): normalise with the moving statistics.
 */
export class BatchNormalization extends Layer {
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: L1L2 | null;
  readonly gammaRegularizer: L1L2 | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args, 'BatchNormalization', BATCH_NORM_KEYS);
    const who = this.describe();
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw new ValueError(`${who}: axis must be an integer, got ${fmtValue(args.axis)}`);
    this.momentum = args.momentum ?? 0.99;
    if (typeof this.momentum !== 'number' || !(this.momentum >= 0 && this.momentum <= 1)) throw new ValueError(`${who}: momentum must be in [0, 1], got ${fmtValue(args.momentum)}`);
    this.epsilon = args.epsilon ?? 1e-3;
    if (typeof this.epsilon !== 'number' || !(this.epsilon > 0 && this.epsilon < Infinity)) throw new ValueError(`${who}: epsilon must be > 0 and finite, got ${fmtValue(args.epsilon)}`);
    this.center = checkBoolean(args.center, who, 'center', true);
    this.scale = checkBoolean(args.scale, who, 'scale', true);
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros', `${who}: betaInitializer`);
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones', `${who}: gammaInitializer`);
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros', `${who}: movingMeanInitializer`);
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones', `${who}: movingVarianceInitializer`);
    this.betaRegularizer = getRegularizer(args.betaRegularizer, `${who}: betaRegularizer`);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer, `${who}: gammaRegularizer`);
    this.betaConstraint = getConstraint(args.betaConstraint, `${who}: betaConstraint`);
    this.gammaConstraint = getConstraint(args.gammaConstraint, `${who}: gammaConstraint`);
  }

  private resolvedAxis(rank: number): number {
    const a = this.axis < 0 ? this.axis + rank : this.axis;
    if (a <= 0 || a >= rank) {
      throw new ValueError(`${this.describe()}: axis ${this.axis} is not a feature axis of an input of rank ${rank}`);
    }
    return a;
  }

  override build(inputShape: LayerShape): void {
    if (inputShape.length < 2) throw new ValueError(`${this.describe()}: expected input of rank >= 2, got ${fmtShape(inputShape)}`);
    const axis = this.resolvedAxis(inputShape.length);
    const c = inputShape[axis];
    if (c === null) throw new ValueError(`${this.describe()}: axis ${this.axis} of the input must be known, got ${fmtShape(inputShape)}`);
    // Keras creates them in this order: gamma, beta, moving_mean, moving_variance.
    if (this.scale) this.gamma = this.addWeight('gamma', [c], this.gammaInitializer, { regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    if (this.center) this.beta = this.addWeight('beta', [c], this.betaInitializer, { regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    this.movingMean = this.addWeight('moving_mean', [c], this.movingMeanInitializer, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [c], this.movingVarianceInitializer, { trainable: false });
    this.inputSpec = { ndim: inputShape.length, axes: { [axis]: c } };
  }

  call(x: Tensor, args: CallArgs): Tensor {
    const axis = this.resolvedAxis(x.rank);
    // The fused op normalises the last axis; move another feature axis there and back.
    const perm = x.shape.map((_, i) => i);
    if (axis !== x.rank - 1) [perm[axis], perm[x.rank - 1]] = [perm[x.rank - 1], perm[axis]];
    const moved = axis === x.rank - 1 ? x : transpose(x, perm);
    let y: Tensor;
    if (args.training && this.trainable) {
      const r = batchNormTraining(moved, this.gamma, this.beta, this.epsilon);
      this.updateMoving(this.movingMean as Variable, r.mean);
      this.updateMoving(this.movingVariance as Variable, r.variance);
      y = r.y;
    } else {
      y = batchNormInference(moved, this.movingMean as Variable, this.movingVariance as Variable, this.gamma, this.beta, this.epsilon);
    }
    return axis === x.rank - 1 ? y : transpose(y, perm);
  }

  private updateMoving(v: Variable, batch: Float32Array): void {
    const m = this.momentum;
    const values = v.values as Float32Array;
    for (let i = 0; i < values.length; i++) values[i] = values[i] * m + batch[i] * (1 - m);
    v.markChanged();
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: serializeInitializer(this.betaInitializer),
      gammaInitializer: serializeInitializer(this.gammaInitializer),
      movingMeanInitializer: serializeInitializer(this.movingMeanInitializer),
      movingVarianceInitializer: serializeInitializer(this.movingVarianceInitializer),
      betaRegularizer: serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: serializeRegularizer(this.gammaRegularizer),
      betaConstraint: serializeConstraint(this.betaConstraint),
      gammaConstraint: serializeConstraint(this.gammaConstraint),
    };
  }

  static fromConfig(config: Record<string, unknown>): BatchNormalization {
    return new BatchNormalization(config as BatchNormalizationArgs);
  }
}
