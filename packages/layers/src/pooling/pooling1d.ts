import { expandDims, keywordOrPositional, optionKeys, squeeze, type MaxPool2dOptions, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { sequenceOutputLength } from '../utils/spatial_shape';
import { checkDataFormat, checkPadding, checkSingle } from '../utils/args';

/** Arguments of the 1D window pools ({@link MaxPooling1D}, {@link AveragePooling1D}). */
export interface Pooling1DArgs extends LayerArgs {
  poolSize?: number | [number];
  /** Defaults to poolSize, as Keras. */
  strides?: number | [number] | null;
  padding?: 'valid' | 'same';
  dataFormat?: 'channelsLast';
}

const POOL1D_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<Pooling1DArgs, keyof LayerArgs>>()({ poolSize: true, strides: true, padding: true, dataFormat: true })];

/**
 * The window pools over [batch, steps, channels]: the 2D pool op on the input viewed as
 * [batch, 1, steps, channels] with a [1, poolSize] window, so there is one pooling kernel.
 */
export abstract class Pooling1D extends Layer {
  readonly poolSize: number;
  readonly strides: number;
  readonly padding: 'valid' | 'same';

  constructor(
    className: string, private readonly pool: (x: Tensor, options: MaxPool2dOptions) => Tensor,
    poolSizeOrArgs?: number | [number] | Pooling1DArgs, options?: Omit<Pooling1DArgs, 'poolSize'>,
  ) {
    const args = keywordOrPositional<Pooling1DArgs>(className, { poolSize: poolSizeOrArgs }, options, POOL1D_KEYS);
    super(args, className, POOL1D_KEYS);
    const who = this.describe();
    this.poolSize = checkSingle(args.poolSize ?? 2, who, 'poolSize');
    this.strides = args.strides == null ? this.poolSize : checkSingle(args.strides, who, 'strides');
    this.padding = checkPadding(args.padding ?? 'valid', who);
    checkDataFormat(args.dataFormat, who);
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
    this.inputSpec = { ndim: 3, layout: '[batch, steps, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const y = this.pool(expandDims(x, 1), { poolSize: [1, this.poolSize], strides: [1, this.strides], padding: this.padding });
    return squeeze(y, [1]);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const steps = sequenceOutputLength(inputShape, { kind: 'pool window', size: this.poolSize, stride: this.strides, dilation: 1, padding: this.padding }, this.describe());
    return [inputShape[0], steps, inputShape[2]];
  }

  /** As TensorFlow.js writes a 1D pool: one-element arrays, no dataFormat. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: [this.poolSize], strides: [this.strides], padding: this.padding };
  }
}
