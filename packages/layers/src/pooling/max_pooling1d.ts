import { maxPool2d } from '@strata/core';
import { Pooling1D, type Pooling1DArgs } from './pooling1d';

export type MaxPooling1DArgs = Pooling1DArgs;

/** Max over poolSize windows of [batch, steps, channels] input; 'valid' drops trailing steps that fill no window. */
export class MaxPooling1D extends Pooling1D {
  /** Keras's positional form: `new MaxPooling1D(2)` or `new MaxPooling1D(3, { strides: 2 })`. */
  constructor(poolSize: number | [number], args?: Omit<MaxPooling1DArgs, 'poolSize'>);
  constructor(args?: MaxPooling1DArgs);
  constructor(poolSizeOrArgs?: number | [number] | MaxPooling1DArgs, options?: Omit<MaxPooling1DArgs, 'poolSize'>) {
    super('MaxPooling1D', maxPool2d, poolSizeOrArgs, options);
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling1D {
    return new MaxPooling1D(config as MaxPooling1DArgs);
  }
}
