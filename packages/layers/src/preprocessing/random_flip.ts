import { fmtValue, keywordOrPositional, optionKeys, ValueError, type Rng } from '@strata/core';
import { RANDOM_IMAGE_KEYS, RandomImageLayer, type RandomImageLayerArgs, type ResamplingArgs } from './random_image_layer';

export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';
const FLIP_MODES: readonly FlipMode[] = ['horizontal', 'vertical', 'horizontal_and_vertical'];

export interface RandomFlipArgs extends RandomImageLayerArgs {
  /** Which axes flip. Default 'horizontal_and_vertical', as Keras. */
  mode?: FlipMode;
}

const RANDOM_FLIP_KEYS = [...RANDOM_IMAGE_KEYS, ...optionKeys<Omit<RandomFlipArgs, keyof RandomImageLayerArgs>>()({ mode: true })];

/**
 * Flips each image of a training batch with probability 1/2; identity at inference. As Keras 3,
 * one draw per image decides, so in 'horizontal_and_vertical' mode a flipped image is mirrored on
 * both axes (turned half a turn). The flip moves pixels exactly (nearest-pixel sampling of whole
 * pixel positions): values, NaN included, are copied untouched.
 */
export class RandomFlip extends RandomImageLayer {
  readonly mode: FlipMode;

  /** Keras's positional form: `new RandomFlip('horizontal')` or `new RandomFlip('horizontal', { seed: 1 })`. */
  constructor(mode?: FlipMode, args?: Omit<RandomFlipArgs, 'mode'>);
  constructor(args: RandomFlipArgs);
  constructor(modeOrArgs?: FlipMode | RandomFlipArgs, options?: Omit<RandomFlipArgs, 'mode'>) {
    const args = keywordOrPositional<RandomFlipArgs>('RandomFlip', { mode: modeOrArgs }, options, RANDOM_FLIP_KEYS);
    super(args, 'RandomFlip', RANDOM_FLIP_KEYS);
    const mode = args.mode ?? 'horizontal_and_vertical';
    if (!FLIP_MODES.includes(mode)) {
      throw new ValueError(`${this.describe()}: mode must be one of ${FLIP_MODES.map((m) => `'${m}'`).join(', ')}, got ${fmtValue(mode)}`);
    }
    this.mode = mode;
  }

  protected drawTransforms(batch: number, height: number, width: number, rng: Rng): Float64Array {
    const t = new Float64Array(batch * 8);
    const horizontal = this.mode !== 'vertical', vertical = this.mode !== 'horizontal';
    for (let i = 0; i < batch; i++) {
      const flip = rng() <= 0.5;
      const sx = flip && horizontal ? -1 : 1, sy = flip && vertical ? -1 : 1;
      t.set([sx, 0, sx < 0 ? width - 1 : 0, 0, sy, sy < 0 ? height - 1 : 0, 0, 0], i * 8);
    }
    return t;
  }

  protected get sampling(): Required<ResamplingArgs> {
    return { fillMode: 'nearest', interpolation: 'nearest', fillValue: 0 };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mode: this.mode };
  }

  static fromConfig(config: Record<string, unknown>): RandomFlip {
    return new RandomFlip({ ...(config as unknown as RandomFlipArgs), seed: (config.seed as number | null) ?? undefined });
  }
}
