import { optionKeys, ValueError } from '@strata/core';
import type { LearningRateSchedule } from './learning_rate_schedule';
import { Optimizer, OPTIMIZER_KEYS, optimizerArgs, type OptimizerArgs, type Slots } from './optimizer';

/** Arguments of {@link RMSprop}. */
export interface RMSpropArgs extends OptimizerArgs {
  rho?: number;
  momentum?: number;
  epsilon?: number;
  /** Normalise by the estimated variance of the gradient instead of its second moment. */
  centered?: boolean;
}

const RMSPROP_KEYS = [...OPTIMIZER_KEYS, ...optionKeys<Omit<RMSpropArgs, keyof OptimizerArgs>>()({ rho: true, momentum: true, epsilon: true, centered: true })];

/**
 * RMSprop with Keras 3's update (epsilon inside the square root):
 * `v = rho * v + (1 - rho) * g^2`; centered: `a = rho * a + (1 - rho) * g`, `d = v - a^2 + eps`,
 * else `d = v + eps`; `inc = lr * g / sqrt(d)`; with momentum `mom = momentum * mom + inc`,
 * `w -= mom`, else `w -= inc`.
 */
export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  /** Keras's positional form: `new RMSprop(1e-3)`. */
  constructor(learningRate?: number | LearningRateSchedule, args?: Omit<RMSpropArgs, 'learningRate'>);
  constructor(args?: RMSpropArgs);
  constructor(first?: number | LearningRateSchedule | RMSpropArgs, options?: Omit<RMSpropArgs, 'learningRate'>) {
    const args = optimizerArgs<RMSpropArgs>('RMSprop', first, options, RMSPROP_KEYS);
    super(args, 0.001, 'rmsprop');
    this.rho = args.rho ?? 0.9;
    this.momentum = args.momentum ?? 0;
    this.epsilon = args.epsilon ?? 1e-7;
    this.centered = args.centered ?? false;
    if (!(this.rho >= 0 && this.rho < 1)) throw new ValueError(`rmsprop optimizer: rho must be in [0, 1), got ${args.rho}`);
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new ValueError(`rmsprop optimizer: momentum must be in [0, 1], got ${args.momentum}`);
    if (!(this.epsilon > 0)) throw new ValueError(`rmsprop optimizer: epsilon must be > 0, got ${args.epsilon}`);
  }

  protected slotNames(): string[] {
    return ['velocity', ...(this.momentum > 0 ? ['momentum'] : []), ...(this.centered ? ['averageGradient'] : [])];
  }

  protected updateStep(w: Float32Array, g: Float32Array, slots: Slots, lr: number): void {
    const vel = slots.velocity;
    const mom = this.momentum > 0 ? slots.momentum : null;
    const avg = this.centered ? slots.averageGradient : null;
    const rho = this.rho;
    const eps = this.epsilon;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i];
      vel[i] = rho * vel[i] + (1 - rho) * gi * gi;
      let denominator: number;
      if (avg) {
        avg[i] = rho * avg[i] + (1 - rho) * gi;
        denominator = vel[i] - avg[i] * avg[i] + eps;
      } else {
        denominator = vel[i] + eps;
      }
      const increment = (lr * gi) / Math.sqrt(denominator);
      if (mom) {
        mom[i] = this.momentum * mom[i] + increment;
        w[i] -= mom[i];
      } else {
        w[i] -= increment;
      }
    }
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
