import type { Tensor } from '@strata/core';
import type { MetricLogs } from '../callbacks/callback';
import { classSampleWeights } from './data';
import { EpochMetrics } from './epoch_metrics';
import { evaluateArrays } from './evaluate';
import { planLoss } from './forward';
import type { BatchOptions } from './options';
import type { Sequential } from './sequential';
import { testStep, trainStep } from './train_step';
import { checkClassWeight, checkPositiveInteger, checkSamples, prepareLabels } from './validation';

/** Compiled loss, checked x, and labels in the loss's shape: what every evaluation needs. */
function prepared(model: Sequential, x: Tensor, y: Tensor, who: string): { labels: Tensor; plan: ReturnType<typeof planLoss> } {
  const { loss } = model.requireCompiled(who);
  checkSamples(x, y, who);
  model.buildFor(x, who);
  return { labels: prepareLabels(y, loss, model.outputShape, who), plan: planLoss(model.layers, loss) };
}

/** `Sequential.evaluate`: loss and metrics in inference mode over all samples. */
export function evaluateModel(model: Sequential, x: Tensor, y: Tensor, options: BatchOptions): MetricLogs {
  model.requireCompiled('evaluate');
  const batchSize = checkPositiveInteger(options.batchSize ?? 32, 'evaluate', 'batchSize');
  const { labels, plan } = prepared(model, x, y, 'evaluate');
  return evaluateArrays(model, plan, x, labels, batchSize);
}

/** `Sequential.trainOnBatch`: one update; the logs are that batch's loss (before the update) and metrics. */
export function trainOnBatchImpl(model: Sequential, x: Tensor, y: Tensor, classWeight?: Record<number, number>): MetricLogs {
  model.requireCompiled('trainOnBatch');
  const weights = checkClassWeight(classWeight, 'trainOnBatch');
  const { labels, plan } = prepared(model, x, y, 'trainOnBatch');
  const metrics = new EpochMetrics(model.createMetrics());
  trainStep(model, plan, { x, y: labels, sampleWeight: weights ? classSampleWeights(labels, weights) : null }, metrics);
  return metrics.logs();
}

/** `Sequential.testOnBatch`: loss and metrics of one batch in inference mode. */
export function testOnBatchImpl(model: Sequential, x: Tensor, y: Tensor): MetricLogs {
  const { labels, plan } = prepared(model, x, y, 'testOnBatch');
  const metrics = new EpochMetrics(model.createMetrics());
  testStep(model, plan, { x, y: labels, sampleWeight: null }, metrics);
  return metrics.logs();
}
