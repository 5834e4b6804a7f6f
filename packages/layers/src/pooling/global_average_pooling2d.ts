import { mean } from '@strata/core';
import { GlobalPooling, type GlobalPoolingArgs } from './global_pooling';

/** Mean over height and width of NHWC input: [batch, channels], or [batch, 1, 1, channels] with keepdims. */
export class GlobalAveragePooling2D extends GlobalPooling {
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalAveragePooling2D', 4, mean, args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalAveragePooling2D {
    return new GlobalAveragePooling2D(config as GlobalPoolingArgs);
  }
}
