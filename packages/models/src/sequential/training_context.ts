import type { Variable } from '@strata/core';
import type { Metric } from '../metrics/metric';
import type { CompiledConfig } from './compile_config';
import type { TrainableModel } from './model';

/**
 * What the training loops and steps see of the Trainer that runs them: the model (through its
 * public surface), the compiled configuration, and the trainable variables cached for the run.
 */
export interface TrainingContext {
  readonly model: TrainableModel;
  readonly config: CompiledConfig;
  /** The trainable variables, collected once per run (not per batch). */
  readonly variables: readonly Variable[];
  /** Fresh instances of the compiled metrics. */
  createMetrics(): Metric[];
  /** Runs `fn` as the model's one training run; a second one, or a change to the model, throws meanwhile. */
  runExclusive<T>(who: string, fn: () => Promise<T>): Promise<T>;
  /** Runs a callback hook; the model's weights may be set from inside one (EarlyStopping restores them). */
  inCallback(fn: () => Promise<void>): Promise<void>;
}
