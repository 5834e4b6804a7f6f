import { Registry, ValueError, type Tensor, fmtValue } from '@strata/core';
import { BinaryCrossentropy, type BinaryCrossentropyArgs } from './binary_crossentropy';
import { CategoricalCrossentropy, type CategoricalCrossentropyArgs } from './categorical_crossentropy';
import { FunctionLoss, Loss } from './loss';
import { MeanSquaredError } from './mean_squared_error';
import { SparseCategoricalCrossentropy, type SparseCategoricalCrossentropyArgs } from './sparse_categorical_crossentropy';

/** A loss for compile(): a name, a Loss, or a function `(yTrue, yPred) => Tensor`. */
export type LossIdentifier = string | Loss | ((yTrue: Tensor, yPred: Tensor) => Tensor);

/**
 * Built-in losses by name (camelCase, Keras's snake_case and the class name all resolve, and
 * Keras's 'mse'), each made from its constructor arguments (camelCase).
 */
export const lossRegistry = new Registry<(args: Record<string, unknown>) => Loss>('loss')
  .register('categoricalCrossentropy', (a) => new CategoricalCrossentropy(a as CategoricalCrossentropyArgs))
  .register('sparseCategoricalCrossentropy', (a) => new SparseCategoricalCrossentropy(a as SparseCategoricalCrossentropyArgs))
  .register('binaryCrossentropy', (a) => new BinaryCrossentropy(a as BinaryCrossentropyArgs))
  .register('meanSquaredError', () => new MeanSquaredError(), ['mse']);

/** The loss for an identifier; unknown names throw a ValueError listing the known ones and the closest. */
export function getLoss(id: LossIdentifier, who = 'compile'): Loss {
  if (id instanceof Loss) return id;
  if (typeof id === 'function') return new FunctionLoss(id);
  if (typeof id !== 'string') {
    throw new ValueError(`${who}: loss must be a name (e.g. 'categoricalCrossentropy'), a Loss or a function (yTrue, yPred) => Tensor, got ${fmtValue(id)}`);
  }
  return lossRegistry.get(id, who)({});
}
