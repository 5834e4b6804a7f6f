import { add, kernelScope, noGrad, type Tensor } from '@strata/core';
import type { TrainingContext } from './training_context';
import type { EpochMetrics } from './epoch_metrics';
import { forwardForLoss, type LossPlan } from './forward';

/** One batch: inputs, labels already checked against the loss, optional per-sample weights. */
export interface Batch {
  x: Tensor;
  y: Tensor;
  sampleWeight: Tensor | null;
}

/** The data loss plus every layer's weight penalties: Keras reports the sum as 'loss'. */
function totalLoss(t: TrainingContext, dataLoss: Tensor): Tensor {
  let total = dataLoss;
  for (const penalty of t.model.regularizationLosses()) total = add(total, penalty);
  return total;
}

/**
 * Keras's train_step: forward in training mode, loss (+ regularisation), backward, one
 * optimizer update of the trainable weights, gradients cleared, metrics updated.
 */
export function trainStep(t: TrainingContext, plan: LossPlan, batch: Batch, metrics: EpochMetrics): void {
  const optimizer = t.config.optimizer;
  const variables = t.variables;
  for (const v of variables) v.zeroGrad(); // gradients accumulate: drop any left by user code
  optimizer.build(variables); // slots made outside the scope can live in the backend's memory
  // One kernel scope: the step's activations and gradients stay in the backend's memory; only
  // numbers (the loss, metric sums) and the in-place weight updates leave it.
  kernelScope(() => {
    const { lossInput, yPred } = forwardForLoss(t.model.layers, batch.x, true, plan);
    const loss = totalLoss(t, plan.loss.compute(batch.y, lossInput, batch.sampleWeight));
    if (loss.requiresGrad) {
      loss.backward();
      optimizer.step(variables); // also clears the gradients, views of the scope's memory
    }
    metrics.update(batch.y, yPred, loss.item(), batch.x.shape[0]);
  });
}

/** Keras's test_step: forward in inference mode without recording, loss and metrics updated. */
export function testStep(t: TrainingContext, plan: LossPlan, batch: Batch, metrics: EpochMetrics): void {
  kernelScope(() => noGrad(() => {
    const { lossInput, yPred } = forwardForLoss(t.model.layers, batch.x, false, plan);
    const loss = totalLoss(t, plan.loss.compute(batch.y, lossInput, batch.sampleWeight));
    metrics.update(batch.y, yPred, loss.item(), batch.x.shape[0]);
  }));
}
