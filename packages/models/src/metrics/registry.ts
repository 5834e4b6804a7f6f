import { ValueError, type Tensor } from '@strata/core';
import { BinaryCrossentropy } from '../losses/binary_crossentropy';
import { CategoricalCrossentropy } from '../losses/categorical_crossentropy';
import type { Loss } from '../losses/loss';
import { SparseCategoricalCrossentropy } from '../losses/sparse_categorical_crossentropy';
import { binaryAccuracy, BinaryAccuracy, categoricalAccuracy, CategoricalAccuracy, sparseCategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy } from './accuracy';
import { MeanMetricWrapper, type Metric } from './metric';

/** A metric for compile(): a name or a Metric instance. */
export type MetricIdentifier = string | Metric;

/** camelCase and Keras snake_case names -> a fresh metric carrying Keras's history key. */
const named = new Map<string, () => Metric>([
  ['categoricalAccuracy', () => new CategoricalAccuracy()],
  ['categorical_accuracy', () => new CategoricalAccuracy()],
  ['sparseCategoricalAccuracy', () => new SparseCategoricalAccuracy()],
  ['sparse_categorical_accuracy', () => new SparseCategoricalAccuracy()],
  ['binaryAccuracy', () => new BinaryAccuracy()],
  ['binary_accuracy', () => new BinaryAccuracy()],
  ['topKCategoricalAccuracy', () => new TopKCategoricalAccuracy()],
  ['top_k_categorical_accuracy', () => new TopKCategoricalAccuracy()],
]);

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
 * The metric for an identifier. 'accuracy'/'acc' picks the accuracy matching the loss (binary,
 * sparse or categorical cross-entropy), else follows Keras's shape rule; the history key stays
 * the name the user gave.
 */
export function getMetric(id: MetricIdentifier, loss: Loss | null): Metric {
  if (typeof id !== 'string') return id.clone();
  if (id === 'accuracy' || id === 'acc') {
    if (loss instanceof BinaryCrossentropy) return new BinaryAccuracy(id);
    if (loss instanceof SparseCategoricalCrossentropy) return new SparseCategoricalAccuracy(id);
    if (loss instanceof CategoricalCrossentropy) return new CategoricalAccuracy(id);
    return new MeanMetricWrapper(id, accuracyByShape);
  }
  const make = named.get(id);
  if (!make) {
    const known = ['accuracy', 'acc', ...named.keys()].map((k) => `'${k}'`).join(', ');
    throw new ValueError(`compile: unknown metric ${JSON.stringify(id)}; expected a Metric or one of ${known}`);
  }
  return make();
}
