import { Registry, ValueError, type Tensor, fmtValue } from '@strata/core';
import { BinaryCrossentropy } from '../losses/binary_crossentropy';
import { CategoricalCrossentropy } from '../losses/categorical_crossentropy';
import type { Loss } from '../losses/loss';
import { SparseCategoricalCrossentropy } from '../losses/sparse_categorical_crossentropy';
import { binaryAccuracy, BinaryAccuracy, categoricalAccuracy, CategoricalAccuracy, sparseCategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy } from './accuracy';
import { Metric, MeanMetricWrapper } from './metric';

/** A metric for compile(): a name or a Metric instance. */
export type MetricIdentifier = string | Metric;

/**
 * Keras's shape rule for 'accuracy' when the loss does not decide: binary if the output has one
 * unit, sparse if the labels have lower rank (or a trailing 1 against several units), else categorical.
 */
function accuracyByShape(yTrue: Tensor, yPred: Tensor): Float32Array {
  const predLast = yPred.shape[yPred.rank - 1];
  const trueLast = yTrue.shape[yTrue.rank - 1];
  if (predLast === 1) return binaryAccuracy(yTrue, yPred);
  if (yTrue.rank < yPred.rank || (trueLast === 1 && predLast > 1)) return sparseCategoricalAccuracy(yTrue, yPred);
  return categoricalAccuracy(yTrue, yPred);
}

/**
 * 'accuracy'/'acc' picks the accuracy matching the loss (binary, sparse or categorical
 * cross-entropy), else follows Keras's shape rule; the history key stays the name the user gave.
 */
function accuracyFor(id: string, loss: Loss | null): Metric {
  if (loss instanceof BinaryCrossentropy) return new BinaryAccuracy(id);
  if (loss instanceof SparseCategoricalCrossentropy) return new SparseCategoricalAccuracy(id);
  if (loss instanceof CategoricalCrossentropy) return new CategoricalAccuracy(id);
  return new MeanMetricWrapper(id, accuracyByShape);
}

/** Built-in metrics by name; the named ones carry Keras's history key ('categorical_accuracy'). */
export const metricRegistry = new Registry<(id: string, loss: Loss | null) => Metric>('metric')
  .register('accuracy', accuracyFor, ['acc'])
  .register('categoricalAccuracy', () => new CategoricalAccuracy())
  .register('sparseCategoricalAccuracy', () => new SparseCategoricalAccuracy())
  .register('binaryAccuracy', () => new BinaryAccuracy())
  .register('topKCategoricalAccuracy', () => new TopKCategoricalAccuracy());

/** The metric for an identifier (a fresh instance); unknown names list the valid ones and the closest. */
export function getMetric(id: MetricIdentifier, loss: Loss | null, who = 'compile'): Metric {
  if (id instanceof Metric) return id.clone();
  if (typeof id !== 'string') throw new ValueError(`${who}: a metric must be a name (e.g. 'accuracy') or a Metric, got ${fmtValue(id)}`);
  return metricRegistry.get(id, who)(id, loss);
}
