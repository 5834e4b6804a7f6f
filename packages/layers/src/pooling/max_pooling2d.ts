import { maxPool2d, normalizePair, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { spatialOutputSize } from '../utils/spatial_shape';
import { checkDataFormat, checkPadding } from '../utils/args';

export interface MaxPooling2DArgs extends LayerArgs {
  poolSize?: number | [number, number];
  /** Defaults to poolSize, as Keras. */
  strides?: number | [number, number] | null;
  padding?: 'valid' | 'same';
  dataFormat?: 'channelsLast';
}

/** Max over poolSize windows of NHWC input; 'valid' drops a trailing odd row/column. */
export class MaxPooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';

  constructor(args: MaxPooling2DArgs = {}) {
    super(args, 'MaxPooling2D');
    const who = this.describe();
    this.poolSize = normalizePair(args.poolSize ?? 2, who, 'poolSize');
    this.strides = args.strides == null ? this.poolSize : normalizePair(args.strides, who, 'strides');
    this.padding = checkPadding(args.padding ?? 'valid', who);
    checkDataFormat(args.dataFormat, who);
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
    this.inputSpec = { ndim: 4, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return maxPool2d(x, { poolSize: this.poolSize, strides: this.strides, padding: this.padding });
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const [h, w] = spatialOutputSize(inputShape, { kind: 'pool window', size: this.poolSize, strides: this.strides, dilation: [1, 1], padding: this.padding }, this.describe());
    return [inputShape[0], h, w, inputShape[3]];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding, dataFormat: 'channelsLast' };
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling2D {
    return new MaxPooling2D(config as MaxPooling2DArgs);
  }
}
