import { fmtValue, keywordOrPositional, leakyRelu, optionKeys, ValueError, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkNumberAtLeast } from '../utils/args';

export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for x < 0 (>= 0, default 0.3). */
  negativeSlope?: number;
  /** TensorFlow.js's and Keras 2's name for negativeSlope (Keras 3 still accepts it). */
  alpha?: number;
}

const LEAKY_RELU_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<LeakyReLUArgs, keyof LayerArgs>>()({ negativeSlope: true, alpha: true })];

/**
 * x for x >= 0, negativeSlope * x otherwise; Keras 3's default slope 0.3 (the 'leaky_relu'
 * string's is 0.2). Its config says `alpha`, the key TensorFlow.js reads (Keras 3 reads it too).
 */
export class LeakyReLU extends Layer {
  readonly negativeSlope: number;

  /** Keras's positional form: `new LeakyReLU(0.1)`. */
  constructor(negativeSlope: number, args?: Omit<LeakyReLUArgs, 'negativeSlope' | 'alpha'>);
  constructor(args?: LeakyReLUArgs);
  constructor(slopeOrArgs?: number | LeakyReLUArgs, options?: Omit<LeakyReLUArgs, 'negativeSlope' | 'alpha'>) {
    const args = keywordOrPositional<LeakyReLUArgs>('LeakyReLU', { negativeSlope: slopeOrArgs }, options, LEAKY_RELU_KEYS) ?? {};
    super(args, 'LeakyReLU', LEAKY_RELU_KEYS);
    const who = this.describe();
    if (args.alpha !== undefined && args.negativeSlope !== undefined && args.alpha !== args.negativeSlope) {
      throw new ValueError(`${who}: negativeSlope (${fmtValue(args.negativeSlope)}) and its alias alpha (${fmtValue(args.alpha)}) differ; give one`);
    }
    const given = args.negativeSlope !== undefined ? 'negativeSlope' : 'alpha';
    this.negativeSlope = checkNumberAtLeast(args.negativeSlope ?? args.alpha, who, given, 0, 0.3);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.negativeSlope };
  }

  static fromConfig(config: Record<string, unknown>): LeakyReLU {
    return new LeakyReLU(config as LeakyReLUArgs);
  }
}
