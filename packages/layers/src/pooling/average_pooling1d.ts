import { avgPool2d } from '@strata/core';
import { Pooling1D, type Pooling1DArgs } from './pooling1d';

export type AveragePooling1DArgs = Pooling1DArgs;

/**
 * Mean over poolSize windows of [batch, steps, channels] input; with 'same' an edge window
 * averages only its in-sequence steps, as TensorFlow.
 */
export class AveragePooling1D extends Pooling1D {
  /** Keras's positional form: `new AveragePooling1D(2)` or `new AveragePooling1D(3, { strides: 2 })`. */
  constructor(poolSize: number | [number], args?: Omit<AveragePooling1DArgs, 'poolSize'>);
  constructor(args?: AveragePooling1DArgs);
  constructor(poolSizeOrArgs?: number | [number] | AveragePooling1DArgs, options?: Omit<AveragePooling1DArgs, 'poolSize'>) {
    super('AveragePooling1D', avgPool2d, poolSizeOrArgs, options);
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling1D {
    return new AveragePooling1D(config as AveragePooling1DArgs);
  }
}
