import { axisGeometry, maxPool2d, ShapeError, type Tensor } from '@strata/core';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer';
import { fmtShape, type LayerShape } from '../engine/shape';
import { checkDataFormat, checkPadding, normalizePair } from '../utils/args';

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
    if (inputShape.length !== 4) {
      throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
    }
    const out = [0, 1].map((i) => {
      const size = inputShape[i + 1];
      if (size === null) return null;
      const { out: o } = axisGeometry(size, this.poolSize[i], this.strides[i], 1, this.padding);
      if (o <= 0) {
        throw new ShapeError(`${this.describe()}: the ${this.poolSize.join('x')} pool window is larger than its input ${fmtShape(inputShape)}`);
      }
      return o;
    });
    return [inputShape[0], out[0], out[1], inputShape[3]];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding, dataFormat: 'channelsLast' };
  }

  static fromConfig(config: Record<string, unknown>): MaxPooling2D {
    return new MaxPooling2D(config as MaxPooling2DArgs);
  }
}
