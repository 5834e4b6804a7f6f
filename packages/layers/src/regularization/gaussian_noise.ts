import { fmtValue, gaussianNoise, keywordOrPositional, optionKeys, restoreRng, ValueError, type RngState, type StatefulRng, type Tensor } from '@strata/core';
import { seededGenerator } from '../utils/seeded_generator';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';

export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the noise. */
  stddev: number;
  seed?: number;
}

const GAUSSIAN_NOISE_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<GaussianNoiseArgs, keyof LayerArgs>>()({ stddev: true, seed: true })];

/**
 * Keras's GaussianNoise: in training, adds zero-mean normal noise of standard deviation `stddev`;
 * the identity at inference. A seed fixes the sequence of draws, and the generator's state is saved
 * with the model, so a resumed run draws what the uninterrupted run would have.
 */
export class GaussianNoise extends Layer {
  readonly stddev: number;
  readonly seed: number | undefined;
  private rng: StatefulRng;

  /** Keras's positional form: `new GaussianNoise(0.1)`. */
  constructor(stddev: number, args?: Omit<GaussianNoiseArgs, 'stddev'>);
  constructor(args: GaussianNoiseArgs);
  constructor(stddevOrArgs: number | GaussianNoiseArgs, options?: Omit<GaussianNoiseArgs, 'stddev'>) {
    const args = keywordOrPositional<GaussianNoiseArgs>('GaussianNoise', { stddev: stddevOrArgs }, options, GAUSSIAN_NOISE_KEYS);
    super(args, 'GaussianNoise', GAUSSIAN_NOISE_KEYS);
    const who = this.describe();
    if (typeof args.stddev !== 'number' || !(args.stddev >= 0 && args.stddev < Infinity)) throw new ValueError(`${who}: stddev must be >= 0 and finite, got ${fmtValue(args.stddev)}`);
    this.stddev = args.stddev;
    ({ seed: this.seed, rng: this.rng } = seededGenerator(args.seed, this.describe()));
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training || this.stddev === 0) return x;
    return gaussianNoise(x, this.stddev, { rng: this.rng });
  }

  /** Where the noise generator is in its sequence (for checkpoints). */
  getRngState(): RngState {
    return this.rng.state();
  }

  /** Continues the noise sequence from a `getRngState()` result. */
  setRngState(state: RngState): void {
    this.rng = restoreRng(state, `${this.describe()}: setRngState`);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed ?? null };
  }

  static fromConfig(config: Record<string, unknown>): GaussianNoise {
    return new GaussianNoise({ ...(config as unknown as GaussianNoiseArgs), seed: (config.seed as number | null) ?? undefined });
  }
}
