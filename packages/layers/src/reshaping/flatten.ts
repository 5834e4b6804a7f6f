import { reshape, type Tensor } from '@strata/core';
import { checkDataFormat } from '../utils/args';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import { knownSize, type LayerShape } from '../engine/shape';

/** Arguments of {@link Flatten}. */
export interface FlattenArgs extends LayerArgs {
  /** Only 'channelsLast' (Keras's default; saved Keras configs carry it). */
  dataFormat?: 'channelsLast';
}

const FLATTEN_KEYS = [...LAYER_KEYS, 'dataFormat'];

/** Flattens every axis but the batch, row-major (channels-last order, as Keras). */
export class Flatten extends Layer {
  constructor(args: FlattenArgs = {}) {
    super(args, 'Flatten', FLATTEN_KEYS);
    checkDataFormat(args.dataFormat, this.describe());
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
