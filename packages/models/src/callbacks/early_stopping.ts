import { checkOptions, optionKeys, ValueError, type Tensor } from '@strata/core';
import { Callback, type Logs } from './callback';
import { monitoredValue, resolveMode, type MonitorMode } from './monitor';

/** Arguments of {@link EarlyStopping}. */
export interface EarlyStoppingArgs {
  /** Default 'val_loss'. */
  monitor?: string;
  /** The smallest change that counts as an improvement (its sign is ignored). Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  mode?: MonitorMode;
  /** Training must beat this value; epochs that don't keep counting towards patience. */
  baseline?: number | null;
  /** At the end of training, set the weights of the best epoch back (Keras 3: whether or not training stopped early). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before monitoring starts. Default 0. */
  startFromEpoch?: number;
}

/** Stops training when the monitored value has stopped improving (Keras 3's EarlyStopping). */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: MonitorMode;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** Epoch at which training was stopped (0 if it was not). */
  stoppedEpoch = 0;
  /** Best monitored value so far and the epoch it came from. */
  best = Infinity;
  bestEpoch = 0;
  private wait = 0;
  private direction: 'min' | 'max' = 'min';
  private bestWeights: Tensor[] | null = null;

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    checkOptions(args, optionKeys<EarlyStoppingArgs>()({
      monitor: true, minDelta: true, patience: true, mode: true, baseline: true, restoreBestWeights: true, startFromEpoch: true,
    }), 'EarlyStopping');
    this.monitor = args.monitor ?? 'val_loss';
    this.minDelta = Math.abs(args.minDelta ?? 0);
    this.patience = args.patience ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0) throw new ValueError(`EarlyStopping: patience must be an integer >= 0, got ${args.patience}`);
    this.mode = args.mode ?? 'auto';
    this.direction = resolveMode(this.monitor, this.mode, 'EarlyStopping');
    this.baseline = args.baseline ?? null;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
    this.startFromEpoch = args.startFromEpoch ?? 0;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestWeights = null;
    this.bestEpoch = 0;
    this.best = this.direction === 'min' ? Infinity : -Infinity;
  }

  /** Keras: `monitor_op(current - min_delta, reference)`, min_delta negated when minimising. */
  private isImprovement(value: number, reference: number): boolean {
    return this.direction === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const current = monitoredValue(logs, this.monitor);
    if (current === undefined || epoch < this.startFromEpoch) return;
    const model = this.requireModel();
    // If no epoch ever improves, the weights as first seen count as the best.
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.bestWeights = model.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait++;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = model.getWeights();
      // Only restart the count if the baseline is beaten too.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights !== null) this.requireModel().setWeights(this.bestWeights);
  }
}
