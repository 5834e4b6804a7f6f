import { optionKeys, type Tensor } from '@strata/core';
import { assertInputSpec, type InputSpec } from '../engine/input_spec';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkBoolean, checkDataFormat } from '../utils/args';

/** Arguments of the global pools (GlobalAveragePooling1D/2D, GlobalMaxPooling1D/2D). */
export interface GlobalPoolingArgs extends LayerArgs {
  /** Keep the pooled axes as size 1 (Keras 3's `keepdims`); default false. */
  keepdims?: boolean;
  dataFormat?: 'channelsLast';
}

const GLOBAL_POOL_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<GlobalPoolingArgs, keyof LayerArgs>>()({ keepdims: true, dataFormat: true })];

type Reduction = (x: Tensor, axes: number[], keepDims: boolean) => Tensor;

/**
 * A reduction over every axis between the batch and the channels (Keras's BaseGlobalPooling):
 * steps of [batch, steps, channels], or height and width of [batch, height, width, channels].
 */
export abstract class GlobalPooling extends Layer {
  readonly keepdims: boolean;
  private readonly spec: InputSpec;
  private readonly axes: number[];

  constructor(className: string, rank: 3 | 4, private readonly reduce: Reduction, args: GlobalPoolingArgs = {}) {
    super(args, className, GLOBAL_POOL_KEYS);
    const who = this.describe();
    this.keepdims = checkBoolean(args.keepdims, who, 'keepdims', false);
    checkDataFormat(args.dataFormat, who);
    this.spec = { ndim: rank, layout: rank === 3 ? '[batch, steps, channels]' : '[batch, height, width, channels]' };
    this.axes = rank === 3 ? [1] : [1, 2];
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
    this.inputSpec = this.spec;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return this.reduce(x, this.axes, this.keepdims);
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    assertInputSpec(this.spec, inputShape, this.describe());
    const channels = inputShape[inputShape.length - 1];
    return this.keepdims ? [inputShape[0], ...this.axes.map(() => 1), channels] : [inputShape[0], channels];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: 'channelsLast', keepdims: this.keepdims };
  }
}
