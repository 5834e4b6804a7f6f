import { Adam, type AdamArgs } from './adam';

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), as Keras 3's AdamW: before the Adam
 * update, `w -= w * weightDecay * lr`. The decay defaults to 0.004, Keras 3's default.
 */
export class AdamW extends Adam {
  override readonly className = 'AdamW';

  constructor(args: AdamArgs = {}) {
    super({ ...args, weightDecay: args.weightDecay ?? 0.004 }, 'adamw');
  }
}
