import { mean } from '@strata/core';
import { GlobalPooling, type GlobalPoolingArgs } from './global_pooling';

/** Mean over the steps of [batch, steps, channels] input: [batch, channels], or [batch, 1, channels] with keepdims. */
export class GlobalAveragePooling1D extends GlobalPooling {
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalAveragePooling1D', 3, mean, args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalAveragePooling1D {
    return new GlobalAveragePooling1D(config as GlobalPoolingArgs);
  }
}
