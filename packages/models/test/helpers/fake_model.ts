import { tensor, type Tensor } from '@strata/core';
import { SGD, type CallbackModel, type Optimizer } from '@strata/models';

/** A stand-in model for driving callbacks directly: one weight vector and an SGD optimizer. */
export class FakeModel implements CallbackModel {
  stopTraining = false;
  optimizer: Optimizer = new SGD({ learningRate: 0.1 });
  weights: number[] = [0];

  getWeights(): Tensor[] {
    return [tensor(this.weights)];
  }

  setWeights(w: readonly Tensor[]): void {
    this.weights = Array.from(w[0].values);
  }
}
