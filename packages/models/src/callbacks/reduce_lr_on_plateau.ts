import { checkOptions, optionKeys, ValueError } from '@strata/core';
import { Callback, type Logs } from './callback';
import { monitoredValue, resolveMode, type MonitorMode } from './monitor';

/** Arguments of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauArgs {
  /** Default 'val_loss'. */
  monitor?: string;
  /** new_lr = lr * factor; must be < 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  mode?: MonitorMode;
  /** Threshold for a significant improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound on the learning rate. Default 0. */
  minLr?: number;
}

/**
 * Multiplies the optimizer's learning rate by `factor` when the monitored value has not
 * improved for `patience` epochs (Keras's ReduceLROnPlateau). Adds `learning_rate` to the
 * epoch logs, as Keras 3 does.
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  private readonly direction: 'min' | 'max';
  private best = Infinity;
  private wait = 0;
  private cooldownCounter = 0;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    checkOptions(args, optionKeys<ReduceLROnPlateauArgs>()({
      monitor: true, factor: true, patience: true, mode: true, minDelta: true, cooldown: true, minLr: true,
    }), 'ReduceLROnPlateau');
    this.monitor = args.monitor ?? 'val_loss';
    this.factor = args.factor ?? 0.1;
    if (!(this.factor < 1 && this.factor >= 0)) throw new ValueError(`ReduceLROnPlateau: factor must be in [0, 1) (the rate is multiplied by it), got ${args.factor}`);
    this.patience = args.patience ?? 10;
    this.minDelta = args.minDelta ?? 1e-4;
    this.cooldown = args.cooldown ?? 0;
    this.minLr = args.minLr ?? 0;
    // Keras: 'acc' in the name means maximise, anything else minimise.
    this.direction = resolveMode(this.monitor, args.mode ?? 'auto', 'ReduceLROnPlateau', 'min');
  }

  override onTrainBegin(): void {
    this.best = this.direction === 'min' ? Infinity : -Infinity;
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  private improved(current: number): boolean {
    return this.direction === 'min' ? current < this.best - this.minDelta : current > this.best + this.minDelta;
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    const optimizer = this.requireModel().optimizer;
    if (!optimizer) return;
    logs.learning_rate = optimizer.learningRate;
    const current = monitoredValue(logs, this.monitor);
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.improved(current)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0) {
      this.wait++;
      if (this.wait >= this.patience) {
        const old = optimizer.learningRate;
        // Keras compares against float32(min_lr) so a rate already at the floor stays put.
        if (old > Math.fround(this.minLr)) {
          optimizer.learningRate = Math.max(old * this.factor, this.minLr);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
