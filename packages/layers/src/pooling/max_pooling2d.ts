import { keywordOrPositional, maxPool2d, normalizePair, optionKeys, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
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

const POOL_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<MaxPooling2DArgs, keyof LayerArgs>>()({ poolSize: true, strides: true, padding: true, dataFormat: true })];

/** Max over poolSize windows of NHWC input; 'valid' drops a trailing odd row/column. */
export class MaxPooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';

  /** Keras's positional form: `new MaxPooling2D([2, 2])` or `new MaxPooling2D(2, { strides: 1 })`. */
  constructor(poolSize: number | [number, number], args?: Omit<MaxPooling2DArgs, 'poolSize'>);
  constructor(args?: MaxPooling2DArgs);
  constructor(poolSizeOrArgs?: number | [number, number] | MaxPooling2DArgs, options?: Omit<MaxPooling2DArgs, 'poolSize'>) {
    const args = keywordOrPositional<MaxPooling2DArgs>('MaxPooling2D', { poolSize: poolSizeOrArgs }, options, POOL_KEYS);
    super(args, 'MaxPooling2D', POOL_KEYS);
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
