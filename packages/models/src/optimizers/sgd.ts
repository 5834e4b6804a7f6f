import { optionKeys, ValueError } from '@strata/core';
import type { LearningRateSchedule } from './learning_rate_schedule';
import { Optimizer, OPTIMIZER_KEYS, optimizerArgs, type OptimizerArgs, type Slots } from './optimizer';

/** Arguments of {@link SGD}. */
export interface SGDArgs extends OptimizerArgs {
  /** In [0, 1]; 0 is plain gradient descent. Default 0. */
  momentum?: number;
  nesterov?: boolean;
}

const SGD_KEYS = [...OPTIMIZER_KEYS, ...optionKeys<Omit<SGDArgs, keyof OptimizerArgs>>()({ momentum: true, nesterov: true })];

/**
 * Gradient descent with optional (Nesterov) momentum, Keras 3's update:
 * without momentum `w -= lr * g`; with it `m = momentum * m - lr * g`, then
 * `w += m`, or `w += momentum * m - lr * g` for Nesterov (using the updated m).
 */
export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  /** Keras's positional form: `new SGD(0.01, { momentum: 0.9 })`. */
  constructor(learningRate?: number | LearningRateSchedule, args?: Omit<SGDArgs, 'learningRate'>);
  constructor(args?: SGDArgs);
  constructor(first?: number | LearningRateSchedule | SGDArgs, options?: Omit<SGDArgs, 'learningRate'>) {
    const args = optimizerArgs<SGDArgs>('SGD', first, options, SGD_KEYS);
    super(args, 0.01, 'SGD');
    this.momentum = args.momentum ?? 0;
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new ValueError(`SGD: momentum must be in [0, 1], got ${args.momentum}`);
    this.nesterov = args.nesterov ?? false;
  }

  protected slotNames(): string[] {
    return this.momentum !== 0 ? ['momentum'] : [];
  }

  protected updateStep(w: Float32Array, g: Float32Array, slots: Slots, lr: number): void {
    if (this.momentum === 0) {
      for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
      return;
    }
    const m = slots.momentum;
    const mu = this.momentum;
    if (this.nesterov) {
      for (let i = 0; i < w.length; i++) {
        m[i] = mu * m[i] - lr * g[i];
        w[i] += mu * m[i] - lr * g[i];
      }
    } else {
      for (let i = 0; i < w.length; i++) {
        m[i] = mu * m[i] - lr * g[i];
        w[i] += m[i];
      }
    }
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
