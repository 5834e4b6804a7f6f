import { mean, square, sub, type Tensor } from '@strata/core';
import { Loss } from './loss';

/** `mean((yPred - yTrue)^2)` over the last axis, as Keras. */
export class MeanSquaredError extends Loss {
  readonly name = 'mean_squared_error';

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return mean(square(sub(yPred, yTrue)), -1);
  }
}
