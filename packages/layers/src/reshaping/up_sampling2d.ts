import { fmtShape, fmtValue, keywordOrPositional, normalizePair, optionKeys, ShapeError, upSampling2d, ValueError, type Interpolation, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkDataFormat } from '../utils/args';

export interface UpSampling2DArgs extends LayerArgs {
  /** Row and column factors. Default [2, 2]. */
  size?: number | [number, number];
  dataFormat?: 'channelsLast';
  /** 'nearest' (default) or 'bilinear'. */
  interpolation?: Interpolation;
}

const UP_SAMPLING_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<UpSampling2DArgs, keyof LayerArgs>>()({ size: true, dataFormat: true, interpolation: true })];

/**
 * Enlarges NHWC images by integer factors. 'bilinear' computes what TensorFlow.js's UpSampling2D
 * computes (resizeBilinear without half-pixel centres, so the last row and column repeat); Keras 3
 * resizes with half-pixel centres and gives different values.
 */
export class UpSampling2D extends Layer {
  readonly size: [number, number];
  readonly interpolation: Interpolation;

  /** Keras's positional form: `new UpSampling2D(2)` or `new UpSampling2D([2, 3], { interpolation: 'bilinear' })`. */
  constructor(size: number | [number, number], args?: Omit<UpSampling2DArgs, 'size'>);
  constructor(args?: UpSampling2DArgs);
  constructor(sizeOrArgs?: number | [number, number] | UpSampling2DArgs, options?: Omit<UpSampling2DArgs, 'size'>) {
    const args = keywordOrPositional<UpSampling2DArgs>('UpSampling2D', { size: sizeOrArgs }, options, UP_SAMPLING_KEYS);
    super(args, 'UpSampling2D', UP_SAMPLING_KEYS);
    const who = this.describe();
    this.size = normalizePair(args.size ?? 2, who, 'size');
    const interpolation = args.interpolation ?? 'nearest';
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
      throw new ValueError(`${who}: interpolation must be 'nearest' or 'bilinear', got ${fmtValue(interpolation)}`);
    }
    this.interpolation = interpolation;
    checkDataFormat(args.dataFormat, who);
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
    this.inputSpec = { ndim: 4, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return upSampling2d(x, this.size, this.interpolation);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    if (inputShape.length !== 4) throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
    const [n, h, w, c] = inputShape;
    return [n, h === null ? null : h * this.size[0], w === null ? null : w * this.size[1], c];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: [...this.size], dataFormat: 'channelsLast', interpolation: this.interpolation };
  }

  static fromConfig(config: Record<string, unknown>): UpSampling2D {
    return new UpSampling2D(config as UpSampling2DArgs);
  }
}
