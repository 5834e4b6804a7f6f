import { keywordOrPositional, optionKeys, type Rng } from '@strata/core';
import { factorRange, RANDOM_IMAGE_KEYS, ResamplingImageLayer, RESAMPLING_KEYS, uniformIn, type RandomImageLayerArgs, type ResamplingArgs } from './random_image_layer';

export interface RandomRotationArgs extends RandomImageLayerArgs, ResamplingArgs {
  /** The angle as a fraction of a full turn: f for [-f, f], or [lower, upper]; positive turns counter-clockwise. */
  factor: number | [number, number];
}

const RANDOM_ROTATION_KEYS = [
  ...RANDOM_IMAGE_KEYS, ...RESAMPLING_KEYS, ...optionKeys<Omit<RandomRotationArgs, keyof RandomImageLayerArgs | keyof ResamplingArgs>>()({ factor: true }),
];

/**
 * Rotates each image of a training batch about its centre by its own angle, drawn uniformly from
 * `factor * 2π`; identity at inference. Keras 3's layer: fillMode 'reflect', bilinear by default.
 */
export class RandomRotation extends ResamplingImageLayer {
  readonly factor: [number, number];

  /** Keras's positional form: `new RandomRotation(0.1)` or `new RandomRotation(0.1, { fillMode: 'nearest' })`. */
  constructor(factor: number | [number, number], args?: Omit<RandomRotationArgs, 'factor'>);
  constructor(args: RandomRotationArgs);
  constructor(factorOrArgs: number | [number, number] | RandomRotationArgs, options?: Omit<RandomRotationArgs, 'factor'>) {
    const args = keywordOrPositional<RandomRotationArgs>('RandomRotation', { factor: factorOrArgs }, options, RANDOM_ROTATION_KEYS);
    super(args, 'RandomRotation', RANDOM_ROTATION_KEYS);
    this.factor = factorRange(args.factor, this.describe(), 'factor');
  }

  protected drawTransforms(batch: number, height: number, width: number, rng: Rng): Float64Array {
    const t = new Float64Array(batch * 8);
    const cx = (width - 1) / 2, cy = (height - 1) / 2;
    const degrees: [number, number] = [this.factor[0] * 360, this.factor[1] * 360];
    for (let i = 0; i < batch; i++) {
      const angle = (uniformIn(rng, degrees) * Math.PI) / 180;
      const cos = Math.cos(angle), sin = Math.sin(angle);
      // Output pixel -> input point, a rotation about the centre (Keras's _compute_affine_matrix).
      t.set([cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos, 0, 0], i * 8);
    }
    return t;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: [...this.factor] };
  }

  static fromConfig(config: Record<string, unknown>): RandomRotation {
    return new RandomRotation({ ...(config as unknown as RandomRotationArgs), seed: (config.seed as number | null) ?? undefined });
  }
}
