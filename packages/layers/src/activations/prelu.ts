import { add, fmtShape, fmtValue, mul, neg, optionKeys, relu, ShapeError, ValueError, type Tensor, type Variable } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers';
import { getRegularizer, serializeRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers';
import { getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier } from '../constraints';

export interface PReLUArgs extends LayerArgs {
  /** Initial slopes (default 'zeros'). */
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  alphaConstraint?: ConstraintIdentifier | null;
  /** Axes (1-based, the batch is 0) along which one slope is shared, e.g. [1, 2] for one per channel of an image. */
  sharedAxes?: number | readonly number[] | null;
}

const PRELU_KEYS = [
  ...LAYER_KEYS,
  ...optionKeys<Omit<PReLUArgs, keyof LayerArgs>>()({ alphaInitializer: true, alphaRegularizer: true, alphaConstraint: true, sharedAxes: true }),
];

/**
 * Parametric ReLU: x for x >= 0, alpha * x otherwise, with a learned alpha per input unit
 * (shape = the input's without the batch axis, 1 along sharedAxes). Computed as Keras 3 does,
 * relu(x) - alpha * relu(-x), so its NaN and Infinity behaviour is Keras's.
 */
export class PReLU extends Layer {
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: L1L2 | null;
  readonly alphaConstraint: Constraint | null;
  readonly sharedAxes: number[] | null;
  alpha: Variable | null = null;

  constructor(args: PReLUArgs = {}) {
    super(args, 'PReLU', PRELU_KEYS);
    const who = this.describe();
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros', `${who}: alphaInitializer`);
    this.alphaRegularizer = getRegularizer(args.alphaRegularizer, `${who}: alphaRegularizer`);
    this.alphaConstraint = getConstraint(args.alphaConstraint, `${who}: alphaConstraint`);
    const shared = args.sharedAxes;
    const list = shared === null || shared === undefined ? null : typeof shared === 'number' ? [shared] : shared;
    if (list !== null && !(Array.isArray(list) && list.every((a) => Number.isInteger(a) && a >= 1))) {
      throw new ValueError(`${who}: sharedAxes must be a positive integer or an array of them (axis 0 is the batch), got ${fmtValue(shared)}`);
    }
    this.sharedAxes = list ? [...list] : null;
  }

  override build(inputShape: LayerShape): void {
    const who = this.describe();
    const rank = inputShape.length;
    if (rank < 2) throw new ShapeError(`${who}: needs an input of rank >= 2, got shape ${fmtShape(inputShape)}`);
    const bad = (this.sharedAxes ?? []).find((a) => a >= rank);
    if (bad !== undefined) throw new ShapeError(`${who}: shared axis ${bad} is not an axis of the input, got shape ${fmtShape(inputShape)}`);
    const paramShape = inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    const unknown = paramShape.findIndex((d) => d === null);
    if (unknown >= 0) {
      throw new ShapeError(`${who}: axis ${unknown + 1} of the input must be known (or shared) to size alpha, got shape ${fmtShape(inputShape)}`);
    }
    this.alpha = this.addWeight('alpha', paramShape as number[], this.alphaInitializer, { regularizer: this.alphaRegularizer, constraint: this.alphaConstraint });
    const axes: Record<number, number> = {};
    inputShape.forEach((d, i) => {
      if (i > 0 && d !== null) axes[i] = d;
    });
    this.inputSpec = { ndim: rank, axes };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return add(relu(x), mul(neg(this.alpha as Variable), relu(neg(x))));
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      alphaInitializer: serializeInitializer(this.alphaInitializer),
      alphaRegularizer: serializeRegularizer(this.alphaRegularizer),
      alphaConstraint: serializeConstraint(this.alphaConstraint),
      sharedAxes: this.sharedAxes,
    };
  }

  static fromConfig(config: Record<string, unknown>): PReLU {
    return new PReLU(config as PReLUArgs);
  }
}
