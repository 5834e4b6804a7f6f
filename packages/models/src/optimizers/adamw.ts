import { Adam, ADAM_KEYS, type AdamArgs } from './adam';
import { optimizerArgs } from './optimizer';
import type { LearningRateSchedule } from './learning_rate_schedule';

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), as Keras 3's AdamW: before the Adam
 * update, `w -= w * weightDecay * lr`. The decay defaults to 0.004, Keras 3's default.
 */
export class AdamW extends Adam {
  override readonly className = 'AdamW';

  /** Keras's positional form: `new AdamW(1e-3, { weightDecay: 0.004 })`. */
  constructor(learningRate?: number | LearningRateSchedule, args?: Omit<AdamArgs, 'learningRate'>);
  constructor(args?: AdamArgs);
  constructor(first?: number | LearningRateSchedule | AdamArgs, options?: Omit<AdamArgs, 'learningRate'>) {
    const args = optimizerArgs<AdamArgs>('AdamW', first, options, ADAM_KEYS);
    super({ ...args, weightDecay: args.weightDecay ?? 0.004, name: args.name ?? 'adamw' });
  }
}
