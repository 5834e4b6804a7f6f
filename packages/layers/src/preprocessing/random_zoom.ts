import { optionKeys, type Rng } from '@strata/core';
import { factorRange, RANDOM_IMAGE_KEYS, ResamplingImageLayer, RESAMPLING_KEYS, uniformIn, copyFactor, type Factor, type RandomImageLayerArgs, type ResamplingArgs } from './random_image_layer';
import { twoFactorArgs } from './two_factor_args';

export interface RandomZoomArgs extends RandomImageLayerArgs, ResamplingArgs {
  /** Vertical zoom as a fraction: f for [-f, f], or [lower, upper]. Positive zooms out, negative in (Keras 3). */
  heightFactor: Factor;
  /** Horizontal zoom, the same way; null (the default) zooms both axes by the vertical draw, keeping the aspect ratio. */
  widthFactor?: Factor | null;
}

const RANDOM_ZOOM_KEYS = [
  ...RANDOM_IMAGE_KEYS, ...RESAMPLING_KEYS,
  ...optionKeys<Omit<RandomZoomArgs, keyof RandomImageLayerArgs | keyof ResamplingArgs>>()({ heightFactor: true, widthFactor: true }),
];

/**
 * Zooms each image of a training batch about its centre by its own factors: a draw z from
 * 1 + heightFactor (and 1 + widthFactor) samples z times the image's extent, so z > 1 zooms out
 * and z < 1 in; identity at inference. Keras 3's layer: fillMode 'reflect', bilinear by default.
 */
export class RandomZoom extends ResamplingImageLayer {
  readonly heightFactor: Factor;
  readonly widthFactor: Factor | null;
  private readonly heightRange: [number, number];
  private readonly widthRange: [number, number] | null;

  /** Keras's positional forms: `new RandomZoom(0.1)`, `new RandomZoom(0.1, 0.2)`, each with options after. */
  constructor(heightFactor: Factor, args?: Omit<RandomZoomArgs, 'heightFactor'>);
  constructor(heightFactor: Factor, widthFactor: Factor | null, args?: Omit<RandomZoomArgs, 'heightFactor' | 'widthFactor'>);
  constructor(args: RandomZoomArgs);
  constructor(first: Factor | RandomZoomArgs, second?: Factor | null | Omit<RandomZoomArgs, 'heightFactor'>, third?: Omit<RandomZoomArgs, 'heightFactor' | 'widthFactor'>) {
    const args = twoFactorArgs<RandomZoomArgs>('RandomZoom', first, second, third, RANDOM_ZOOM_KEYS);
    super(args, 'RandomZoom', RANDOM_ZOOM_KEYS);
    this.heightRange = factorRange(args.heightFactor, this.describe(), 'heightFactor');
    this.widthRange = args.widthFactor === undefined || args.widthFactor === null ? null : factorRange(args.widthFactor, this.describe(), 'widthFactor');
    this.heightFactor = copyFactor(args.heightFactor);
    this.widthFactor = copyFactor(args.widthFactor ?? null);
  }

  protected drawTransforms(batch: number, height: number, width: number, rng: Rng): Float64Array {
    // As Keras: the batch's vertical zooms, then its horizontal ones.
    const zy = Array.from({ length: batch }, () => 1 + uniformIn(rng, this.heightRange));
    const zx = this.widthRange ? Array.from({ length: batch }, () => 1 + uniformIn(rng, this.widthRange as [number, number])) : zy;
    const t = new Float64Array(batch * 8);
    for (let i = 0; i < batch; i++) {
      t.set([zx[i], 0, ((width - 1) / 2) * (1 - zx[i]), 0, zy[i], ((height - 1) / 2) * (1 - zy[i]), 0, 0], i * 8);
    }
    return t;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), heightFactor: copyFactor(this.heightFactor), widthFactor: copyFactor(this.widthFactor) };
  }

  static fromConfig(config: Record<string, unknown>): RandomZoom {
    return new RandomZoom({ ...(config as unknown as RandomZoomArgs), seed: (config.seed as number | null) ?? undefined });
  }
}
