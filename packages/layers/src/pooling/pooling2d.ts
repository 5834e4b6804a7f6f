import { keywordOrPositional, normalizePair, optionKeys, type MaxPool2dOptions, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { spatialOutputSize } from '../utils/spatial_shape';
import { checkDataFormat, checkPadding } from '../utils/args';

/** Arguments of the 2D window pools ({@link MaxPooling2D}, {@link AveragePooling2D}). */
export interface Pooling2DArgs extends LayerArgs {
  poolSize?: number | [number, number];
  /** Defaults to poolSize, as Keras. */
  strides?: number | [number, number] | null;
  padding?: 'valid' | 'same';
  dataFormat?: 'channelsLast';
}

const POOL_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<Pooling2DArgs, keyof LayerArgs>>()({ poolSize: true, strides: true, padding: true, dataFormat: true })];

/** The window pools over NHWC input (Keras's BasePooling): options, output shape and config; `pool` is the op. */
export abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';

  constructor(
    className: string, private readonly pool: (x: Tensor, options: MaxPool2dOptions) => Tensor,
    poolSizeOrArgs?: number | [number, number] | Pooling2DArgs, options?: Omit<Pooling2DArgs, 'poolSize'>,
  ) {
    const args = keywordOrPositional<Pooling2DArgs>(className, { poolSize: poolSizeOrArgs }, options, POOL_KEYS);
    super(args, className, POOL_KEYS);
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
    return this.pool(x, { poolSize: this.poolSize, strides: this.strides, padding: this.padding });
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const [h, w] = spatialOutputSize(inputShape, { kind: 'pool window', size: this.poolSize, strides: this.strides, dilation: [1, 1], padding: this.padding }, this.describe());
    return [inputShape[0], h, w, inputShape[3]];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding, dataFormat: 'channelsLast' };
  }
}
