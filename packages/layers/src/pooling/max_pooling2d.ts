import { maxPool2d } from '@strata/core';
import { Pooling2D, type Pooling2DArgs } from './pooling2d';

export type MaxPooling2DArgs = Pooling2DArgs;

/** Max over poolSize windows of NHWC input; 'valid' drops a trailing odd row/column. */
export class MaxPooling2D extends Pooling2D {
  /** Keras's positional form: `new MaxPooling2D([2, 2])` or `new MaxPooling2D(2, { strides: 1 })`. */
  constructor(poolSize: number | [number, number], args?: Omit<MaxPooling2DArgs, 'poolSize'>);
  constructor(args?: MaxPooling2DArgs);
  constructor(poolSizeOrArgs?: number | [number, number] | MaxPooling2DArgs, options?: Omit<MaxPooling2DArgs, 'poolSize'>) {
    super('MaxPooling2D', maxPool2d, poolSizeOrArgs, options);
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling2D {
    return new MaxPooling2D(config as MaxPooling2DArgs);
  }
}
