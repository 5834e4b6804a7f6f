import { ValueError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer';

/** Declares a model's input shape; passes its input through. */
export class InputLayer extends Layer {
  constructor(args: LayerArgs) {
    super(args, 'InputLayer');
    if (!this.batchInputShape) throw new ValueError(`${this.describe()}: needs inputShape or batchInputShape`);
    this.built = true;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return x;
  }

  static fromConfig(config: Record<string, unknown>): InputLayer {
    return new InputLayer(config);
  }
}
