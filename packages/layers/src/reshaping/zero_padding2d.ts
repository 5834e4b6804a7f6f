import { fmtShape, pad, ShapeError, withPositional, isOptionsObject, optionKeys, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkDataFormat, normalizeAmounts2D, type Amounts2D } from '../utils/args';

export interface ZeroPadding2DArgs extends LayerArgs {
  /** n, [rows, columns] (each side) or [[top, bottom], [left, right]]. Default 1. */
  padding?: Amounts2D;
  dataFormat?: 'channelsLast';
}

const ZERO_PADDING_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<ZeroPadding2DArgs, keyof LayerArgs>>()({ padding: true, dataFormat: true })];

/** Adds rows and columns of zeros around NHWC images, as Keras's ZeroPadding2D. */
export class ZeroPadding2D extends Layer {
  readonly padding: [[number, number], [number, number]];

  /** Keras's positional form: `new ZeroPadding2D(2)` or `new ZeroPadding2D([[1, 0], [1, 0]])`. */
  constructor(padding: Amounts2D, args?: Omit<ZeroPadding2DArgs, 'padding'>);
  constructor(args?: ZeroPadding2DArgs);
  constructor(paddingOrArgs?: Amounts2D | ZeroPadding2DArgs, options?: Omit<ZeroPadding2DArgs, 'padding'>) {
    // A number or an array is the positional padding; an options object is the keyword form.
    const args = isOptionsObject(paddingOrArgs)
      ? withPositional<ZeroPadding2DArgs>('ZeroPadding2D', {}, paddingOrArgs, ZERO_PADDING_KEYS)
      : withPositional<ZeroPadding2DArgs>('ZeroPadding2D', { padding: paddingOrArgs }, options, ZERO_PADDING_KEYS);
    super(args, 'ZeroPadding2D', ZERO_PADDING_KEYS);
    this.padding = normalizeAmounts2D(args.padding ?? 1, this.describe(), 'padding');
    checkDataFormat(args.dataFormat, this.describe());
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
    this.inputSpec = { ndim: 4, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return pad(x, [[0, 0], this.padding[0], this.padding[1], [0, 0]]);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    if (inputShape.length !== 4) throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
    const grow = (d: number | null, p: [number, number]): number | null => (d === null ? null : d + p[0] + p[1]);
    return [inputShape[0], grow(inputShape[1], this.padding[0]), grow(inputShape[2], this.padding[1]), inputShape[3]];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.padding.map((p) => [...p]), dataFormat: 'channelsLast' };
  }

  static fromConfig(config: Record<string, unknown>): ZeroPadding2D {
    return new ZeroPadding2D(config as ZeroPadding2DArgs);
  }
}
