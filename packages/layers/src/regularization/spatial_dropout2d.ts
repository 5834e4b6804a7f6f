import { dropout, fmtShape, fmtValue, keywordOrPositional, optionKeys, restoreRng, ShapeError, ValueError, type RngState, type StatefulRng, type Tensor } from '@strata/core';
import { seededGenerator } from '../utils/seeded_generator';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';
import type { LayerShape } from '../engine/shape';
import { checkDataFormat } from '../utils/args';

export interface SpatialDropout2DArgs extends LayerArgs {
  rate: number;
  seed?: number;
  dataFormat?: 'channelsLast';
}

const SPATIAL_DROPOUT_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<SpatialDropout2DArgs, keyof LayerArgs>>()({ rate: true, seed: true, dataFormat: true })];

/**
 * Keras's SpatialDropout2D: in training, drops whole feature maps (each channel of each sample with
 * probability `rate`, the mask shape [batch, 1, 1, channels]) and scales the rest by 1 / (1 - rate);
 * the identity at inference. Seeded and resumable as Dropout. TensorFlow.js has no such layer.
 */
export class SpatialDropout2D extends Layer {
  readonly rate: number;
  readonly seed: number | undefined;
  private rng: StatefulRng;

  /** Keras's positional form: `new SpatialDropout2D(0.2)`. */
  constructor(rate: number, args?: Omit<SpatialDropout2DArgs, 'rate'>);
  constructor(args: SpatialDropout2DArgs);
  constructor(rateOrArgs: number | SpatialDropout2DArgs, options?: Omit<SpatialDropout2DArgs, 'rate'>) {
    const args = keywordOrPositional<SpatialDropout2DArgs>('SpatialDropout2D', { rate: rateOrArgs }, options, SPATIAL_DROPOUT_KEYS);
    super(args, 'SpatialDropout2D', SPATIAL_DROPOUT_KEYS);
    const who = this.describe();
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) throw new ValueError(`${who}: rate must be in [0, 1), got ${fmtValue(args.rate)}`);
    this.rate = args.rate;
    checkDataFormat(args.dataFormat, who);
    ({ seed: this.seed, rng: this.rng } = seededGenerator(args.seed, this.describe()));
  }

  override build(inputShape: LayerShape): void {
    this.computeOutputShape(inputShape);
    this.inputSpec = { ndim: 4, layout: '[batch, height, width, channels]' };
  }

  override computeOutputShape(inputShape: LayerShape): LayerShape {
    if (inputShape.length !== 4) throw new ShapeError(`${this.describe()}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
    return inputShape;
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training || this.rate === 0) return x;
    return dropout(x, this.rate, { noiseShape: [x.shape[0], 1, 1, x.shape[3]], rng: this.rng });
  }

  /** Where the mask generator is in its sequence (for checkpoints). */
  getRngState(): RngState {
    return this.rng.state();
  }

  /** Continues the mask sequence from a `getRngState()` result. */
  setRngState(state: RngState): void {
    this.rng = restoreRng(state, `${this.describe()}: setRngState`);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null, dataFormat: 'channelsLast' };
  }

  static fromConfig(config: Record<string, unknown>): SpatialDropout2D {
    return new SpatialDropout2D({ ...(config as unknown as SpatialDropout2DArgs), seed: (config.seed as number | null) ?? undefined });
  }
}
