import { Callback, type Logs } from './callback';

/**
 * Records every epoch's logs (Keras's `History`, what `fit` resolves to):
 * `history.history.loss[i]`, `history.history.val_accuracy[i]`, and `history.epoch`.
 */
export class History extends Callback {
  /** The epoch indices seen, in order. */
  epoch: number[] = [];
  /** Per metric name, one value per epoch (flags such as `bn_recalibrated` are not numbers and are not kept). */
  history: Record<string, number[]> = {};

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) if (typeof v === 'number') (this.history[k] ??= []).push(v);
  }
}
