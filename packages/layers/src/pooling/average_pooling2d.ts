import { avgPool2d } from '@strata/core';
import { Pooling2D, type Pooling2DArgs } from './pooling2d';

export type AveragePooling2DArgs = Pooling2DArgs;

/**
 * Mean over poolSize windows of NHWC input. With 'same' padding a window at the edge averages
 * only its in-image pixels, as TensorFlow does (padding is not counted as zeros).
 */
export class AveragePooling2D extends Pooling2D {
  /** Keras's positional form: `new AveragePooling2D([2, 2])` or `new AveragePooling2D(2, { strides: 1 })`. */
  constructor(poolSize: number | [number, number], args?: Omit<AveragePooling2DArgs, 'poolSize'>);
  constructor(args?: AveragePooling2DArgs);
  constructor(poolSizeOrArgs?: number | [number, number] | AveragePooling2DArgs, options?: Omit<AveragePooling2DArgs, 'poolSize'>) {
    super('AveragePooling2D', avgPool2d, poolSizeOrArgs, options);
  }

  static fromConfig(config: Record<string, unknown>): AveragePooling2D {
    return new AveragePooling2D(config as AveragePooling2DArgs);
  }
}
