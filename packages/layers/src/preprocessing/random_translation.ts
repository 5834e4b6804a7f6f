import { optionKeys, type Rng } from '@strata/core';
import { factorRange, RANDOM_IMAGE_KEYS, ResamplingImageLayer, RESAMPLING_KEYS, uniformIn, copyFactor, type Factor, type RandomImageLayerArgs, type ResamplingArgs } from './random_image_layer';
import { twoFactorArgs } from './two_factor_args';

export interface RandomTranslationArgs extends RandomImageLayerArgs, ResamplingArgs {
  /** Vertical shift as a fraction of the height: f for [-f, f], or [lower, upper]; positive moves down. */
  heightFactor: Factor;
  /** Horizontal shift as a fraction of the width, the same way; positive moves right. */
  widthFactor: Factor;
}

const RANDOM_TRANSLATION_KEYS = [
  ...RANDOM_IMAGE_KEYS, ...RESAMPLING_KEYS,
  ...optionKeys<Omit<RandomTranslationArgs, keyof RandomImageLayerArgs | keyof ResamplingArgs>>()({ heightFactor: true, widthFactor: true }),
];

/**
 * Shifts each image of a training batch by its own offsets, drawn as fractions of its height and
 * width; identity at inference. Keras 3's layer: fillMode 'reflect', bilinear by default.
 */
export class RandomTranslation extends ResamplingImageLayer {
  readonly heightFactor: Factor;
  readonly widthFactor: Factor;
  private readonly heightRange: [number, number];
  private readonly widthRange: [number, number];

  /** Keras's positional form: `new RandomTranslation(0.1, 0.1)`, options after. */
  constructor(heightFactor: Factor, widthFactor: Factor, args?: Omit<RandomTranslationArgs, 'heightFactor' | 'widthFactor'>);
  constructor(args: RandomTranslationArgs);
  constructor(first: Factor | RandomTranslationArgs, second?: Factor, third?: Omit<RandomTranslationArgs, 'heightFactor' | 'widthFactor'>) {
    const args = twoFactorArgs<RandomTranslationArgs>('RandomTranslation', first, second, third, RANDOM_TRANSLATION_KEYS);
    super(args, 'RandomTranslation', RANDOM_TRANSLATION_KEYS);
    this.heightRange = factorRange(args.heightFactor, this.describe(), 'heightFactor');
    this.widthRange = factorRange(args.widthFactor, this.describe(), 'widthFactor');
    this.heightFactor = copyFactor(args.heightFactor);
    this.widthFactor = copyFactor(args.widthFactor);
  }

  protected drawTransforms(batch: number, height: number, width: number, rng: Rng): Float64Array {
    // As Keras: the batch's vertical shifts, then its horizontal ones, in pixels.
    const ty = Array.from({ length: batch }, () => uniformIn(rng, this.heightRange) * height);
    const tx = Array.from({ length: batch }, () => uniformIn(rng, this.widthRange) * width);
    const t = new Float64Array(batch * 8);
    for (let i = 0; i < batch; i++) t.set([1, 0, -tx[i], 0, 1, -ty[i], 0, 0], i * 8);
    return t;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), heightFactor: copyFactor(this.heightFactor), widthFactor: copyFactor(this.widthFactor) };
  }

  static fromConfig(config: Record<string, unknown>): RandomTranslation {
    return new RandomTranslation({ ...(config as unknown as RandomTranslationArgs), seed: (config.seed as number | null) ?? undefined });
  }
}
