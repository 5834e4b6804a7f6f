import type { Tensor } from '@strata/core';
import type { MetricLogs } from '../callbacks/callback';
import { Mean, type Metric } from '../metrics/metric';

/**
 * The loss and the compiled metrics, accumulated over an epoch (or an evaluation) as Keras's
 * running metrics: batch values weighted by batch size.
 */
export class EpochMetrics {
  private readonly loss = new Mean('loss');

  constructor(readonly metrics: readonly Metric[]) {}

  update(yTrue: Tensor, yPred: Tensor, lossValue: number, batchSize: number): void {
    this.loss.update(lossValue, batchSize);
    for (const m of this.metrics) m.updateState(yTrue, yPred);
  }

  /** `{ loss, <metric>: ... }`, each key prefixed (e.g. 'val_'). */
  logs(prefix = ''): MetricLogs {
    const logs: MetricLogs = { [`${prefix}loss`]: this.loss.result() };
    for (const m of this.metrics) logs[`${prefix}${m.name}`] = m.result();
    return logs;
  }

  reset(): void {
    this.loss.resetState();
    for (const m of this.metrics) m.resetState();
  }
}
