import type { Tensor } from '@strata/core';

/** Whether larger values of a metric are better ('up', accuracy) or smaller ('down', loss). */
export type MetricDirection = 'up' | 'down';

/**
 * A running metric, as Keras's: `updateState` per batch, `result()` over everything since
 * `resetState()`. Values are averaged per sample, so an epoch's result is the mean of the batch
 * values weighted by batch size.
 */
export abstract class Metric {
  protected total = 0;
  protected count = 0;

  constructor(
    /** The key in logs and history (Keras's name, e.g. 'accuracy', 'categorical_accuracy'). */
    readonly name: string,
    readonly direction: MetricDirection,
  ) {}

  /** Accumulates one batch. */
  abstract updateState(yTrue: Tensor, yPred: Tensor): void;

  /** A fresh metric with the same configuration (training and validation each need their own). */
  abstract clone(): Metric;

  /** The mean so far (0 before any update). */
  result(): number {
    return this.count > 0 ? this.total / this.count : 0;
  }

  resetState(): void {
    this.total = 0;
    this.count = 0;
  }
}

/** A weighted running mean of numbers (Keras's `Mean`): how the loss is tracked over an epoch. */
export class Mean {
  private total = 0;
  private count = 0;

  constructor(readonly name = 'mean') {}

  /** Adds `value` with weight `weight` (the batch size, for a batch mean). */
  update(value: number, weight = 1): void {
    this.total += value * weight;
    this.count += weight;
  }

  /** The weighted mean so far (0 before any update). */
  result(): number {
    return this.count > 0 ? this.total / this.count : 0;
  }

  resetState(): void {
    this.total = 0;
    this.count = 0;
  }
}

/** A per-sample function `(yTrue, yPred) -> values` averaged over samples (Keras's MeanMetricWrapper). */
export class MeanMetricWrapper extends Metric {
  constructor(
    name: string,
    readonly fn: (yTrue: Tensor, yPred: Tensor) => Float32Array,
    direction: MetricDirection = 'up',
  ) {
    super(name, direction);
  }

  updateState(yTrue: Tensor, yPred: Tensor): void {
    const values = this.fn(yTrue, yPred);
    let s = 0;
    for (let i = 0; i < values.length; i++) s += values[i];
    this.total += s;
    this.count += values.length;
  }

  clone(): MeanMetricWrapper {
    return new MeanMetricWrapper(this.name, this.fn, this.direction);
  }
}
