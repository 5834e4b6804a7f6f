import { max } from '@strata/core';
import { GlobalPooling, type GlobalPoolingArgs } from './global_pooling';

/**
 * Max over height and width of NHWC input: [batch, channels], or [batch, 1, 1, channels] with
 * keepdims. A NaN propagates, and the gradient is split evenly among tied maxima, as TensorFlow's
 * reduce_max (TensorFlow.js gives each tied maximum the whole gradient).
 */
export class GlobalMaxPooling2D extends GlobalPooling {
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalMaxPooling2D', 4, max, args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(config as GlobalPoolingArgs);
  }
}
