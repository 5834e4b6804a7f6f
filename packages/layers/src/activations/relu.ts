import { keywordOrPositional, optionKeys, relu, reluWith, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkNumberAtLeast } from '../utils/args';

export interface ReLUArgs extends LayerArgs {
  /** Cap on the output (>= 0); null for none (default). */
  maxValue?: number | null;
  /** Slope below the threshold (>= 0, default 0). */
  negativeSlope?: number;
  /** Values at or below it count as negative (>= 0, default 0). */
  threshold?: number;
}

const RELU_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<ReLUArgs, keyof LayerArgs>>()({ maxValue: true, negativeSlope: true, threshold: true })];

/**
 * Keras 3's ReLU: x > threshold ? min(x, maxValue) : negativeSlope * (x - threshold).
 * TensorFlow.js's ReLU reads only maxValue (and ignores the other two keys of a file).
 */
export class ReLU extends Layer {
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  /** Keras's positional form: `new ReLU(6)`. */
  constructor(maxValue: number | null, args?: Omit<ReLUArgs, 'maxValue'>);
  constructor(args?: ReLUArgs);
  constructor(maxValueOrArgs?: number | null | ReLUArgs, options?: Omit<ReLUArgs, 'maxValue'>) {
    const args = keywordOrPositional<ReLUArgs>('ReLU', { maxValue: maxValueOrArgs }, options, RELU_KEYS) ?? {};
    super(args, 'ReLU', RELU_KEYS);
    const who = this.describe();
    this.maxValue = checkNumberAtLeast(args.maxValue, who, 'maxValue', 0, null);
    this.negativeSlope = checkNumberAtLeast(args.negativeSlope, who, 'negativeSlope', 0, 0);
    this.threshold = checkNumberAtLeast(args.threshold, who, 'threshold', 0, 0);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    if (this.maxValue === null && this.negativeSlope === 0 && this.threshold === 0) return relu(x);
    return reluWith(x, { maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold });
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold };
  }

  static fromConfig(config: Record<string, unknown>): ReLU {
    return new ReLU(config as ReLUArgs);
  }
}
