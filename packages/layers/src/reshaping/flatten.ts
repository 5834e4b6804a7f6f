import { reshape, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer';
import { knownSize, type LayerShape } from '../engine/shape';

/** Flattens every axis but the batch, row-major (channels-last order, as Keras). */
export class Flatten extends Layer {
  constructor(args: LayerArgs = {}) {
    super(args, 'Flatten');
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return reshape(x, [x.shape[0], x.size / Math.max(1, x.shape[0])]);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    return [inputShape[0], knownSize(inputShape.slice(1), this.describe())];
  }

  static fromConfig(config: Record<string, unknown>): Flatten {
    return new Flatten(config);
  }
}
