import { Callback, type Logs } from './callback';

/** Stops training after the first batch whose loss is NaN or infinite (Keras's TerminateOnNaN). */
export class TerminateOnNaN extends Callback {
  /** The batch that ended training, or null. */
  terminatedAtBatch: number | null = null;

  override onBatchEnd(batch: number, logs: Logs): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.terminatedAtBatch = batch;
      this.requireModel().stopTraining = true;
    }
  }
}
