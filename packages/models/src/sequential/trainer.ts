import { StrataError, type Tensor, type Variable } from '@strata/core';
import type { MetricLogs } from '../callbacks/callback';
import type { History } from '../callbacks/history';
import type { Metric } from '../metrics/metric';
import { getMetric } from '../metrics/registry';
import { evaluateModel, testOnBatchImpl, trainOnBatchImpl } from './batch_methods';
import type { CompiledConfig } from './compile_config';
import { fitArrays } from './fit_arrays';
import { fitDatasetImpl, type Dataset, type FitDatasetOptions } from './fit_dataset';
import type { TrainableModel } from './model';
import type { BatchOptions, FitOptions } from './options';
import type { TrainingContext } from './training_context';

/**
 * What compile() creates, as Keras 3's `Trainer`: it owns the optimizer, the loss, the metrics,
 * the trainable-variable list of a run and the loops (fit, fitDataset, evaluate, the batch
 * methods). The model stays a layer stack and delegates; the trainer uses only the model's
 * public surface. While a fit runs, the trainer is "training": the model refuses changes.
 */
export class Trainer implements TrainingContext {
  private running: string | null = null;
  private callbackDepth = 0;
  private cachedVariables: Variable[] | null = null;

  constructor(readonly model: TrainableModel, readonly config: CompiledConfig) {}

  get isTraining(): boolean {
    return this.running !== null;
  }

  /** Inside a callback hook of the running fit (EarlyStopping may set the weights from there). */
  get inCallbackHook(): boolean {
    return this.callbackDepth > 0;
  }

  /** A StrataError saying the model is training, unless no fit is running. */
  assertNotTraining(who: string): void {
    if (this.running) {
      throw new StrataError(`${who}: the model is training (Sequential '${this.model.name}' is inside ${this.running}()); nothing was changed. Wait for ${this.running}() to finish`);
    }
  }

  /** The trainable variables of the current run (collected when it starts), else the model's now. */
  get variables(): readonly Variable[] {
    return this.cachedVariables ?? this.model.trainableWeights;
  }

  createMetrics(): Metric[] {
    return this.config.metrics.map((m) => getMetric(m, this.config.loss));
  }

  async runExclusive<T>(who: string, fn: () => Promise<T>): Promise<T> {
    this.assertNotTraining(who);
    this.running = who;
    this.cachedVariables = this.model.trainableWeights;
    try {
      return await fn();
    } finally {
      this.running = null;
      this.cachedVariables = null;
    }
  }

  async inCallback(fn: () => Promise<void>): Promise<void> {
    this.callbackDepth++;
    try {
      await fn();
    } finally {
      this.callbackDepth--;
    }
  }

  fit(x: Tensor, y: Tensor, options: FitOptions): Promise<History> {
    this.assertNotTraining('fit');
    return fitArrays(this, x, y, options);
  }

  fitDataset(dataset: Dataset, options: FitDatasetOptions): Promise<History> {
    this.assertNotTraining('fitDataset');
    return fitDatasetImpl(this, dataset, options);
  }

  evaluate(x: Tensor, y: Tensor, options: BatchOptions): MetricLogs {
    return evaluateModel(this, x, y, options);
  }

  trainOnBatch(x: Tensor, y: Tensor, classWeight?: Record<number, number>): MetricLogs {
    this.assertNotTraining('trainOnBatch');
    return trainOnBatchImpl(this, x, y, classWeight);
  }

  testOnBatch(x: Tensor, y: Tensor): MetricLogs {
    return testOnBatchImpl(this, x, y);
  }
}
