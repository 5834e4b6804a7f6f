import { fmtValue, keywordOrPositional, optionKeys, ShapeError, transpose, ValueError, type Tensor } from '@strata/core';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';

export interface PermuteArgs extends LayerArgs {
  /** The new order of the non-batch axes, 1-based as Keras's: [2, 1] swaps the two axes after the batch. */
  dims: readonly number[];
}

const PERMUTE_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<PermuteArgs, keyof LayerArgs>>()({ dims: true })];

/** Permutes the axes of each sample (the batch axis stays first), as Keras's Permute. */
export class Permute extends Layer {
  readonly dims: number[];

  /** Keras's positional form: `new Permute([2, 1])`. */
  constructor(dims: readonly number[], args?: Omit<PermuteArgs, 'dims'>);
  constructor(args: PermuteArgs);
  constructor(dimsOrArgs: readonly number[] | PermuteArgs, options?: Omit<PermuteArgs, 'dims'>) {
    const args = keywordOrPositional<PermuteArgs>('Permute', { dims: dimsOrArgs }, options, PERMUTE_KEYS);
    super(args, 'Permute', PERMUTE_KEYS);
    const d = args.dims;
    const sorted = Array.isArray(d) ? [...d].sort((a, b) => a - b) : null;
    if (!sorted || sorted.length === 0 || sorted.some((v, i) => v !== i + 1)) {
      throw new ValueError(`${this.describe()}: dims must be a permutation of 1..n (the axes after the batch, 1-based), got ${fmtValue(d)}`);
    }
    this.dims = [...d];
  }

  override build(inputShape: LayerShape): void {
    this.inputSpec = { ndim: this.dims.length + 1, layout: `[batch, ${this.dims.length} axes to permute]` };
    this.computeOutputShape(inputShape);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return transpose(x, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    if (inputShape.length !== this.dims.length + 1) {
      throw new ShapeError(`${this.describe()}: dims ${fmtValue(this.dims)} permute ${this.dims.length} axes, but the input has ${inputShape.length - 1} after the batch`);
    }
    return [inputShape[0], ...this.dims.map((d) => inputShape[d])];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dims: [...this.dims] };
  }

  static fromConfig(config: Record<string, unknown>): Permute {
    return new Permute(config as unknown as PermuteArgs);
  }
}
