import type { Tensor } from '@strata/core';
import type { MetricLogs } from '../callbacks/callback';
import { classSampleWeights } from './data';
import { EpochMetrics } from './epoch_metrics';
import { evaluateArrays } from './evaluate';
import { planLoss } from './forward';
import type { BatchOptions } from './options';
import { buildForInput } from './model_input';
import type { TrainingContext } from './training_context';
import { testStep, trainStep } from './train_step';
import { checkClassWeight, checkPositiveInteger, checkSamples, prepareLabels } from './validation';

/** Compiled loss, checked x, and labels in the loss's shape: what every evaluation needs. */
function prepared(t: TrainingContext, x: Tensor, y: Tensor, who: string): { labels: Tensor; plan: ReturnType<typeof planLoss> } {
  const { loss } = t.config;
  checkSamples(x, y, who);
  buildForInput(t.model, x, who);
  return { labels: prepareLabels(y, loss, t.model.outputShape, who), plan: planLoss(t.model.layers, loss) };
}

/** `Sequential.evaluate`: loss and metrics in inference mode over all samples. */
export function evaluateModel(t: TrainingContext, x: Tensor, y: Tensor, options: BatchOptions): MetricLogs {
  t.config;
  const batchSize = checkPositiveInteger(options.batchSize ?? 32, 'evaluate', 'batchSize');
  const { labels, plan } = prepared(t, x, y, 'evaluate');
  return evaluateArrays(t, plan, x, labels, batchSize);
}

/** `Sequential.trainOnBatch`: one update; the logs are that batch's loss (before the update) and metrics. */
export function trainOnBatchImpl(t: TrainingContext, x: Tensor, y: Tensor, classWeight?: Record<number, number>): MetricLogs {
  t.config;
  const weights = checkClassWeight(classWeight, 'trainOnBatch');
  const { labels, plan } = prepared(t, x, y, 'trainOnBatch');
  const metrics = new EpochMetrics(t.createMetrics());
  trainStep(t, plan, { x, y: labels, sampleWeight: weights ? classSampleWeights(labels, weights) : null }, metrics);
  return metrics.logs();
}

/** `Sequential.testOnBatch`: loss and metrics of one batch in inference mode. */
export function testOnBatchImpl(t: TrainingContext, x: Tensor, y: Tensor): MetricLogs {
  const { labels, plan } = prepared(t, x, y, 'testOnBatch');
  const metrics = new EpochMetrics(t.createMetrics());
  testStep(t, plan, { x, y: labels, sampleWeight: null }, metrics);
  return metrics.logs();
}
