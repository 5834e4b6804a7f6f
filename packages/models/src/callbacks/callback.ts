import { checkOptions, optionKeys, StrataError, type Tensor } from '@strata/core';
import type { Optimizer } from '../optimizers/optimizer';

/**
 * What callbacks receive: metric values by Keras name ('loss', 'accuracy', 'val_loss', ...),
 * and flags callbacks add (PreciseBatchNormalization's `bn_recalibrated: true`).
 */
export type Logs = Record<string, number | boolean>;

/** Metric values only: what `evaluate` returns. */
export type MetricLogs = Record<string, number>;

/** What a callback may use of the model being trained. */
export interface CallbackModel {
  /** Set to true to end training after the current batch. */
  stopTraining: boolean;
  readonly optimizer: Optimizer | null;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
}

/** Facts about the run, set before `onTrainBegin`. */
export interface TrainingParams {
  epochs: number;
  /** Batches per epoch, or null while unknown (a dataset of unknown length). */
  steps: number | null;
  verbose: number;
}

/**
 * Another pass over the running fit's training inputs, for callbacks that need one
 * (PreciseBatchNormalization). Reading it never consumes batches the training loop will use.
 */
export interface TrainingData {
  /** The input batches of epoch `epoch` (0-based), in the order that epoch trains on them. */
  inputBatches(epoch: number): Iterable<Tensor> | AsyncIterable<Tensor>;
}

/** A hook's result: callbacks may be async; training awaits them. */
export type HookResult = void | Promise<void>;

/**
 * The callback base (Keras's `Callback`): override the hooks you need. Epochs and batches are
 * 0-based; `onBatchBegin` logs hold the batch `size`, `onBatchEnd` logs the running epoch means,
 * epoch logs the epoch's results and the validation results prefixed with 'val_'.
 */
export class Callback {
  model: CallbackModel | null = null;
  params: TrainingParams = { epochs: 0, steps: null, verbose: 0 };
  /**
   * The fit's training data, set before `onTrainBegin`; null outside fit, or when the data
   * cannot be read twice (a one-shot iterator, or a dataset shared across epochs).
   */
  trainingData: TrainingData | null = null;

  setModel(model: CallbackModel): void {
    this.model = model;
  }

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  setTrainingData(data: TrainingData | null): void {
    this.trainingData = data;
  }

  onTrainBegin(_logs: Logs): HookResult {}
  onTrainEnd(_logs: Logs): HookResult {}
  onEpochBegin(_epoch: number, _logs: Logs): HookResult {}
  onEpochEnd(_epoch: number, _logs: Logs): HookResult {}
  /**
   * After the epoch's last training batch, before validation (not a Keras hook). `logs` hold
   * the epoch's training results; a callback may add keys, which reach `onEpochEnd` and History.
   */
  onEpochTrainEnd(_epoch: number, _logs: Logs): HookResult {}
  onBatchBegin(_batch: number, _logs: Logs): HookResult {}
  onBatchEnd(_batch: number, _logs: Logs): HookResult {}

  /** The model, or a clear error if the callback is used outside training. */
  protected requireModel(): CallbackModel {
    if (!this.model) throw new StrataError(`${this.constructor.name}: not attached to a model (use it in fit's callbacks)`);
    return this.model;
  }
}

/** Hooks given as plain functions (Keras's `LambdaCallback`). */
export interface CallbackHooks {
  onTrainBegin?: (logs: Logs) => HookResult;
  onTrainEnd?: (logs: Logs) => HookResult;
  onEpochBegin?: (epoch: number, logs: Logs) => HookResult;
  onEpochEnd?: (epoch: number, logs: Logs) => HookResult;
  onEpochTrainEnd?: (epoch: number, logs: Logs) => HookResult;
  onBatchBegin?: (batch: number, logs: Logs) => HookResult;
  onBatchEnd?: (batch: number, logs: Logs) => HookResult;
}

/** A callback made of functions: `new LambdaCallback({ onEpochEnd: (epoch, logs) => ... })`. */
export class LambdaCallback extends Callback {
  constructor(private readonly hooks: CallbackHooks) {
    super();
    checkOptions(hooks, optionKeys<CallbackHooks>()({
      onTrainBegin: true, onTrainEnd: true, onEpochBegin: true, onEpochEnd: true, onEpochTrainEnd: true, onBatchBegin: true, onBatchEnd: true,
    }), 'LambdaCallback');
  }

  override onTrainBegin(logs: Logs): HookResult {
    return this.hooks.onTrainBegin?.(logs);
  }
  override onTrainEnd(logs: Logs): HookResult {
    return this.hooks.onTrainEnd?.(logs);
  }
  override onEpochBegin(epoch: number, logs: Logs): HookResult {
    return this.hooks.onEpochBegin?.(epoch, logs);
  }
  override onEpochEnd(epoch: number, logs: Logs): HookResult {
    return this.hooks.onEpochEnd?.(epoch, logs);
  }
  override onEpochTrainEnd(epoch: number, logs: Logs): HookResult {
    return this.hooks.onEpochTrainEnd?.(epoch, logs);
  }
  override onBatchBegin(batch: number, logs: Logs): HookResult {
    return this.hooks.onBatchBegin?.(batch, logs);
  }
  override onBatchEnd(batch: number, logs: Logs): HookResult {
    return this.hooks.onBatchEnd?.(batch, logs);
  }
}

/** Calls every callback in order, awaiting each one. */
export class CallbackList {
  constructor(readonly callbacks: readonly Callback[]) {}

  configure(model: CallbackModel, params: TrainingParams, trainingData: TrainingData | null = null): void {
    for (const c of this.callbacks) {
      c.setModel(model);
      c.setParams(params);
      c.setTrainingData(trainingData);
    }
  }

  async trainBegin(logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainBegin(logs);
  }
  async trainEnd(logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainEnd(logs);
  }
  async epochBegin(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochBegin(epoch, logs);
  }
  async epochEnd(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochEnd(epoch, logs);
  }
  async epochTrainEnd(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochTrainEnd(epoch, logs);
  }
  async batchBegin(batch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchBegin(batch, logs);
  }
  async batchEnd(batch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchEnd(batch, logs);
  }
}
