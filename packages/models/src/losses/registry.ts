import { ValueError, type Tensor } from '@strata/core';
import { BinaryCrossentropy } from './binary_crossentropy';
import { CategoricalCrossentropy } from './categorical_crossentropy';
import { FunctionLoss, Loss } from './loss';
import { MeanSquaredError } from './mean_squared_error';
import { SparseCategoricalCrossentropy } from './sparse_categorical_crossentropy';

/** A loss for compile(): a name, a Loss, or a function `(yTrue, yPred) => Tensor`. */
export type LossIdentifier = string | Loss | ((yTrue: Tensor, yPred: Tensor) => Tensor);

/** camelCase and Keras snake_case names (and Keras's 'mse') -> a fresh loss with defaults. */
const losses = new Map<string, () => Loss>([
  ['categoricalCrossentropy', () => new CategoricalCrossentropy()],
  ['categorical_crossentropy', () => new CategoricalCrossentropy()],
  ['sparseCategoricalCrossentropy', () => new SparseCategoricalCrossentropy()],
  ['sparse_categorical_crossentropy', () => new SparseCategoricalCrossentropy()],
  ['binaryCrossentropy', () => new BinaryCrossentropy()],
  ['binary_crossentropy', () => new BinaryCrossentropy()],
  ['meanSquaredError', () => new MeanSquaredError()],
  ['mean_squared_error', () => new MeanSquaredError()],
  ['mse', () => new MeanSquaredError()],
]);

/** The loss for an identifier; unknown names throw a ValueError listing the known ones. */
export function getLoss(id: LossIdentifier): Loss {
  if (id instanceof Loss) return id;
  if (typeof id === 'function') return new FunctionLoss(id);
  const make = typeof id === 'string' ? losses.get(id) : undefined;
  if (!make) throw new ValueError(`compile: unknown loss ${JSON.stringify(id)}; expected a Loss, a function (yTrue, yPred) => Tensor, or one of ${[...losses.keys()].map((k) => `'${k}'`).join(', ')}`);
  return make();
}
