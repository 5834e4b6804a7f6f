import { getBackend, optionKeys, ValueError } from '@strata/core';
import type { LearningRateSchedule } from './learning_rate_schedule';
import { Optimizer, OPTIMIZER_KEYS, optimizerArgs, type OptimizerArgs, type Slots } from './optimizer';

/** Arguments of {@link Adam}. */
export interface AdamArgs extends OptimizerArgs {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Use the running maximum of v (AMSGrad). */
  amsgrad?: boolean;
}

export const ADAM_KEYS = [...OPTIMIZER_KEYS, ...optionKeys<Omit<AdamArgs, keyof OptimizerArgs>>()({ beta1: true, beta2: true, epsilon: true, amsgrad: true })];

/**
 * Adam with Keras 3's update (epsilon is "epsilon hat", outside the bias correction):
 * `alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)`, `m += (g - m)(1 - beta1)`,
 * `v += (g^2 - v)(1 - beta2)`, `w -= alpha * m / (sqrt(v) + epsilon)`; AMSGrad uses
 * `vHat = max(vHat, v)` in place of v.
 */
export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  /** Keras's positional form: `new Adam(1e-4)`, `new Adam(1e-4, { beta1: 0.5 })`. */
  constructor(learningRate?: number | LearningRateSchedule, args?: Omit<AdamArgs, 'learningRate'>);
  constructor(args?: AdamArgs);
  constructor(first?: number | LearningRateSchedule | AdamArgs, options?: Omit<AdamArgs, 'learningRate'>) {
    const args = optimizerArgs<AdamArgs>('Adam', first, options, ADAM_KEYS);
    super(args, 0.001, 'adam');
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-7;
    this.amsgrad = args.amsgrad ?? false;
    for (const [k, v] of [['beta1', this.beta1], ['beta2', this.beta2]] as const) {
      if (!(v >= 0 && v < 1)) throw new ValueError(`${this.name} optimizer: ${k} must be in [0, 1), got ${v}`);
    }
    if (!(this.epsilon > 0)) throw new ValueError(`${this.name} optimizer: epsilon must be > 0, got ${this.epsilon}`);
  }

  protected slotNames(): string[] {
    return this.amsgrad ? ['m', 'v', 'vHat'] : ['m', 'v'];
  }

  protected updateStep(w: Float32Array, g: Float32Array, slots: Slots, lr: number, step: number): void {
    this.updateAll([w], [g], [slots], lr, step);
  }

  /** Every variable in one backend call: one parallel job per step. */
  protected override updateAll(ws: Float32Array[], gs: Float32Array[], slots: Slots[], lr: number, step: number): void {
    const alpha = (lr * Math.sqrt(1 - Math.pow(this.beta2, step))) / (1 - Math.pow(this.beta1, step));
    const arrays = ws.map((w, i) => ({ w, g: gs[i], m: slots[i].m, v: slots[i].v, ...(this.amsgrad ? { vHat: slots[i].vHat } : {}) }));
    getBackend().adamUpdate(arrays, alpha, this.beta1, this.beta2, this.epsilon);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
