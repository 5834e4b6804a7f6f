import { dropout, fmtValue, keywordOrPositional, optionKeys, restoreRng, ValueError, type RngState, type StatefulRng, type Tensor } from '@strata/core';
import { seededGenerator } from '../utils/seeded_generator';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';

export interface DropoutArgs extends LayerArgs {
  rate: number;
  /** Mask shape; null entries take the input's size (e.g. [null, 1, 1, null] drops whole maps). */
  noiseShape?: readonly (number | null)[] | null;
  seed?: number;
}

const DROPOUT_KEYS = [...LAYER_KEYS, ...optionKeys<Omit<DropoutArgs, keyof LayerArgs>>()({ rate: true, noiseShape: true, seed: true })];

/**
 * Identity at inference. In training, zeroes each unit with probability `rate` and scales the
 * survivors by 1 / (1 - rate). A seed fixes the sequence of masks the layer draws; the
 * generator's state can be saved and restored, so a run resumed from a checkpoint draws the
 * masks the uninterrupted run would have drawn.
 */
export class Dropout extends Layer {
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | undefined;
  private rng: StatefulRng;

  /** Keras's positional form: `new Dropout(0.25)`. */
  constructor(rate: number, args?: Omit<DropoutArgs, 'rate'>);
  constructor(args: DropoutArgs);
  constructor(rateOrArgs: number | DropoutArgs, options?: Omit<DropoutArgs, 'rate'>) {
    const args = keywordOrPositional<DropoutArgs>('Dropout', { rate: rateOrArgs }, options, DROPOUT_KEYS);
    super(args, 'Dropout', DROPOUT_KEYS);
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) {
      throw new ValueError(`${this.describe()}: rate must be in [0, 1), got ${fmtValue(args.rate)}`);
    }
    this.rate = args.rate;
    const noise = args.noiseShape;
    if (noise !== undefined && noise !== null && !(Array.isArray(noise) && noise.every((d) => d === null || (Number.isInteger(d) && d > 0)))) {
      throw new ValueError(`${this.describe()}: noiseShape must be an array of positive integers or nulls, got ${fmtValue(noise)}`);
    }
    this.noiseShape = noise ? [...noise] : null;
    ({ seed: this.seed, rng: this.rng } = seededGenerator(args.seed, this.describe()));
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training || this.rate === 0) return x;
    const noiseShape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? x.shape[i]) : undefined;
    return dropout(x, this.rate, { noiseShape, rng: this.rng });
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
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape, seed: this.seed ?? null };
  }

  static fromConfig(config: Record<string, unknown>): Dropout {
    return new Dropout({ ...(config as unknown as DropoutArgs), seed: (config.seed as number | null) ?? undefined });
  }
}
