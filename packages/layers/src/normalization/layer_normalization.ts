import { fmtShape, fmtValue, layerNorm, optionKeys, reshape, transpose, ValueError, type Tensor, type Variable } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier } from '../initializers';
import { getRegularizer, serializeRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers';
import { checkBoolean } from '../utils/args';

export interface LayerNormalizationArgs extends LayerArgs {
  /** The axis or axes normalised together (default -1); increasing, never the batch axis. */
  axis?: number | readonly number[];
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
}

const LAYER_NORM_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<LayerNormalizationArgs, keyof LayerArgs>>()({
  axis: true, epsilon: true, center: true, scale: true, betaInitializer: true, gammaInitializer: true, betaRegularizer: true, gammaRegularizer: true,
})];

/**
 * Keras's LayerNormalization: each sample is normalised over `axis` with its own mean and biased
 * variance (the same in training and inference), then scaled by gamma and shifted by beta, whose
 * shape is the input's sizes along `axis`. Several axes are moved last and normalised as one.
 */
export class LayerNormalization extends Layer {
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: L1L2 | null;
  readonly gammaRegularizer: L1L2 | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;

  constructor(args: LayerNormalizationArgs = {}) {
    super(args, 'LayerNormalization', LAYER_NORM_KEYS);
    const who = this.describe();
    const axis = args.axis ?? -1;
    const list = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : null;
    if (!list || list.length === 0 || !list.every((a) => Number.isInteger(a))) {
      throw new ValueError(`${who}: axis must be an integer or a non-empty array of integers, got ${fmtValue(args.axis)}`);
    }
    this.axis = typeof axis === 'number' ? axis : [...list];
    this.epsilon = args.epsilon ?? 1e-3;
    if (typeof this.epsilon !== 'number' || !(this.epsilon > 0 && this.epsilon < Infinity)) throw new ValueError(`${who}: epsilon must be > 0 and finite, got ${fmtValue(args.epsilon)}`);
    this.center = checkBoolean(args.center, who, 'center', true);
    this.scale = checkBoolean(args.scale, who, 'scale', true);
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros', `${who}: betaInitializer`);
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones', `${who}: gammaInitializer`);
    this.betaRegularizer = getRegularizer(args.betaRegularizer, `${who}: betaRegularizer`);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer, `${who}: gammaRegularizer`);
  }

  /** The normalised axes of an input of `rank`, non-negative; increasing and never the batch axis. */
  axes(rank: number): number[] {
    const given = typeof this.axis === 'number' ? [this.axis] : this.axis;
    const axes = given.map((a) => (a < 0 ? a + rank : a));
    if (axes.some((a) => a <= 0 || a >= rank) || axes.some((a, i) => i > 0 && a <= axes[i - 1])) {
      throw new ValueError(`${this.describe()}: axis ${fmtValue(this.axis)} must be increasing feature axes (not the batch axis) of an input of rank ${rank}`);
    }
    return axes;
  }

  override build(inputShape: LayerShape): void {
    const axes = this.axes(inputShape.length);
    const shape = axes.map((a) => inputShape[a]);
    if (shape.some((d) => d === null)) throw new ValueError(`${this.describe()}: the normalised axes of the input must be known, got ${fmtShape(inputShape)}`);
    const paramShape = shape as number[];
    // Keras creates them in this order: gamma, then beta.
    if (this.scale) this.gamma = this.addWeight('gamma', paramShape, this.gammaInitializer, { regularizer: this.gammaRegularizer });
    if (this.center) this.beta = this.addWeight('beta', paramShape, this.betaInitializer, { regularizer: this.betaRegularizer });
    this.inputSpec = { ndim: inputShape.length, axes: Object.fromEntries(axes.map((a, i) => [a, paramShape[i]])) };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const axes = this.axes(x.rank);
    // The kernel normalises the last axis: move the normalised axes last (in order) and flatten them.
    const rest = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const perm = [...rest, ...axes];
    const moved = perm.every((a, i) => a === i) ? x : transpose(x, perm);
    const features = axes.reduce((n, a) => n * x.shape[a], 1);
    const flat = (p: Variable | null): Tensor | null => (p && p.rank !== 1 ? reshape(p, [features]) : p);
    const y = reshape(layerNorm(reshape(moved, [-1, features]), flat(this.gamma), flat(this.beta), this.epsilon), moved.shape);
    if (moved === x) return y;
    const inverse = new Array<number>(perm.length);
    perm.forEach((a, i) => (inverse[a] = i));
    return transpose(y, inverse);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: Array.isArray(this.axis) ? [...this.axis] : this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: serializeInitializer(this.betaInitializer),
      gammaInitializer: serializeInitializer(this.gammaInitializer),
      betaRegularizer: serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: serializeRegularizer(this.gammaRegularizer),
    };
  }

  static fromConfig(config: Record<string, unknown>): LayerNormalization {
    return new LayerNormalization(config as LayerNormalizationArgs);
  }
}
