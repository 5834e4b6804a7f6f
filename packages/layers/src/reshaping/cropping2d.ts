import { fmtShape, fmtValue, isOptionsObject, optionKeys, ShapeError, slice, withPositional, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkDataFormat, normalizeAmounts2D, type Amounts2D } from '../utils/args';

export interface Cropping2DArgs extends LayerArgs {
  /** n, [rows, columns] (each side) or [[top, bottom], [left, right]]. Default 0. */
  cropping?: Amounts2D;
  dataFormat?: 'channelsLast';
}

const CROPPING_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<Cropping2DArgs, keyof LayerArgs>>()({ cropping: true, dataFormat: true })];

/** Removes rows and columns from the edges of NHWC images, as Keras's Cropping2D. */
export class Cropping2D extends Layer {
  readonly cropping: [[number, number], [number, number]];

  /** Keras's positional form: `new Cropping2D(2)` or `new Cropping2D([[2, 2], [4, 4]])`. */
  constructor(cropping: Amounts2D, args?: Omit<Cropping2DArgs, 'cropping'>);
  constructor(args?: Cropping2DArgs);
  constructor(croppingOrArgs?: Amounts2D | Cropping2DArgs, options?: Omit<Cropping2DArgs, 'cropping'>) {
    const args = isOptionsObject(croppingOrArgs)
      ? withPositional<Cropping2DArgs>('Cropping2D', {}, croppingOrArgs, CROPPING_KEYS)
      : withPositional<Cropping2DArgs>('Cropping2D', { cropping: croppingOrArgs }, options, CROPPING_KEYS);
    super(args, 'Cropping2D', CROPPING_KEYS);
    this.cropping = normalizeAmounts2D(args.cropping ?? 0, this.describe(), 'cropping');
    checkDataFormat(args.dataFormat, this.describe());
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
    this.inputSpec = { ndim: 4, layout: '[batch, height, width, channels]' };
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const [[top], [left]] = this.cropping;
    const [, h, w] = this.computeOutputShape([null, ...x.shape.slice(1)]) as number[];
    return slice(x, [0, top, left, 0], [-1, h, w, -1]);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    if (inputShape.length !== 4) throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
    const crop = (d: number | null, c: [number, number], axis: string): number | null => {
      if (d === null) return null;
      if (c[0] + c[1] >= d) throw new ShapeError(`${this.describe()}: cropping ${fmtValue(c)} leaves nothing of the input's ${axis} ${d} (input ${fmtShape(inputShape)})`);
      return d - c[0] - c[1];
    };
    return [inputShape[0], crop(inputShape[1], this.cropping[0], 'height'), crop(inputShape[2], this.cropping[1], 'width'), inputShape[3]];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.cropping.map((c) => [...c]), dataFormat: 'channelsLast' };
  }

  static fromConfig(config: Record<string, unknown>): Cropping2D {
    return new Cropping2D(config as Cropping2DArgs);
  }
}
