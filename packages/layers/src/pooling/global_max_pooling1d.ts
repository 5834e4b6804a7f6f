import { max } from '@strata/core';
import { GlobalPooling, type GlobalPoolingArgs } from './global_pooling';

/**
 * Max over the steps of [batch, steps, channels] input: [batch, channels], or [batch, 1, channels]
 * with keepdims. NaN and ties as {@link GlobalMaxPooling2D}.
 */
export class GlobalMaxPooling1D extends GlobalPooling {
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalMaxPooling1D', 3, max, args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalMaxPooling1D {
    return new GlobalMaxPooling1D(config as GlobalPoolingArgs);
  }
}
