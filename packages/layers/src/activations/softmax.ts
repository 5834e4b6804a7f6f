import { fmtShape, fmtValue, keywordOrPositional, optionKeys, softmax, ShapeError, ValueError, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';

export interface SoftmaxArgs extends LayerArgs {
  /** The axis normalised over (default -1, Keras's; TensorFlow.js's default is 1, but its files always say which). */
  axis?: number;
}

const SOFTMAX_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<SoftmaxArgs, keyof LayerArgs>>()({ axis: true })];

/** softmax over `axis`, exact for logits of any magnitude. */
export class Softmax extends Layer {
  readonly axis: number;

  /** Keras's positional form: `new Softmax(1)`. */
  constructor(axis: number, args?: Omit<SoftmaxArgs, 'axis'>);
  constructor(args?: SoftmaxArgs);
  constructor(axisOrArgs?: number | SoftmaxArgs, options?: Omit<SoftmaxArgs, 'axis'>) {
    const args = keywordOrPositional<SoftmaxArgs>('Softmax', { axis: axisOrArgs }, options, SOFTMAX_KEYS) ?? {};
    super(args, 'Softmax', SOFTMAX_KEYS);
    if (args.axis !== undefined && !Number.isInteger(args.axis)) {
      throw new ValueError(`${this.describe()}: axis must be an integer, got ${fmtValue(args.axis)}`);
    }
    this.axis = args.axis ?? -1;
  }

  override build(inputShape: LayerShape): void {
    const rank = inputShape.length;
    if (this.axis >= rank || this.axis < -rank || this.axis === 0 || this.axis === -rank) {
      throw new ShapeError(`${this.describe()}: axis ${this.axis} must be a non-batch axis of the input, got shape ${fmtShape(inputShape)}`);
    }
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return softmax(x, this.axis);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }

  static fromConfig(config: Record<string, unknown>): Softmax {
    return new Softmax(config as SoftmaxArgs);
  }
}
