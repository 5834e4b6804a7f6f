import { fmtShape, fmtValue, keywordOrPositional, optionKeys, reshape, ShapeError, ValueError, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';

export interface ReshapeArgs extends LayerArgs {
  /** The output shape without the batch axis; one entry may be -1, inferred from the input's size. */
  targetShape: readonly number[];
}

const RESHAPE_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<ReshapeArgs, keyof LayerArgs>>()({ targetShape: true })];

/** Reshapes each sample to `targetShape` (row-major, the batch axis kept), as Keras's Reshape. */
export class Reshape extends Layer {
  readonly targetShape: number[];

  /** Keras's positional form: `new Reshape([7, 7, 64])`. */
  constructor(targetShape: readonly number[], args?: Omit<ReshapeArgs, 'targetShape'>);
  constructor(args: ReshapeArgs);
  constructor(shapeOrArgs: readonly number[] | ReshapeArgs, options?: Omit<ReshapeArgs, 'targetShape'>) {
    const args = keywordOrPositional<ReshapeArgs>('Reshape', { targetShape: shapeOrArgs }, options, RESHAPE_KEYS);
    super(args, 'Reshape', RESHAPE_KEYS);
    const t = args.targetShape;
    if (!Array.isArray(t) || !t.every((d) => d === -1 || (Number.isInteger(d) && d > 0)) || t.filter((d) => d === -1).length > 1) {
      throw new ValueError(`${this.describe()}: targetShape must be an array of positive integers with at most one -1, got ${fmtValue(t)}`);
    }
    this.targetShape = [...t];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const out = this.computeOutputShape([null, ...x.shape.slice(1)]);
    return reshape(x, [x.shape[0], ...(out.slice(1) as number[])]);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    const dims = inputShape.slice(1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    if (dims.some((d) => d === null)) return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? null : d))];
    const size = (dims as number[]).reduce((a, b) => a * b, 1);
    const free = this.targetShape.includes(-1);
    if (free ? size % known !== 0 : size !== known) {
      throw new ShapeError(`${this.describe()}: cannot reshape an input of shape ${fmtShape(inputShape)} (${size} values per sample) into ${fmtShape(this.targetShape)}`);
    }
    return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? size / known : d))];
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }

  static fromConfig(config: Record<string, unknown>): Reshape {
    return new Reshape(config as unknown as ReshapeArgs);
  }
}
