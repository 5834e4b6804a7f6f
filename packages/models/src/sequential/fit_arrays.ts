import { makeRng, ValueError, type Tensor } from '@strata/core';
import type { History } from '../callbacks/history';
import { arrayBatches, arrayInputBatches, classSampleWeights, shuffledOrder, splitForValidation } from './data';
import { evaluateArrays } from './evaluate';
import { runFitLoop } from './fit_loop';
import { planLoss } from './forward';
import { resolveFitOptions, type FitOptions } from './options';
import { buildForInput, checkModelInput } from './model_input';
import type { TrainingContext } from './training_context';
import { checkSamples, prepareLabels } from './validation';

/**
 * `Sequential.fit` on in-memory tensors. Every argument, shape and label is checked before the
 * first update, so a bad call leaves the weights untouched.
 */
export async function fitArrays(t: TrainingContext, x: Tensor, y: Tensor, options: FitOptions): Promise<History> {
  const who = 'fit';
  const { loss } = t.config;
  const o = resolveFitOptions(options);
  checkSamples(x, y, who);
  buildForInput(t.model, x, who);
  const labels = prepareLabels(y, loss, t.model.outputShape, who);
  let train: [Tensor, Tensor] = [x, labels];
  let val: [Tensor, Tensor] | null = null;
  if (o.validationData) {
    const [vx, vy] = o.validationData;
    checkSamples(vx, vy, who, ['validationData[0]', 'validationData[1]']);
    checkModelInput(t.model, vx, who, 'validationData[0]');
    val = [vx, prepareLabels(vy, loss, t.model.outputShape, who, 'validationData[1]')];
  } else if (o.validationSplit > 0) {
    ({ train, val } = splitForValidation(x, labels, o.validationSplit));
  }
  const [xt, yt] = train;
  const sampleWeight = o.classWeight ? classSampleWeights(yt, o.classWeight) : null;
  const plan = planLoss(t.model.layers, loss);
  // Each epoch's order is a function of (seed, epoch) alone, so a run resumed at initialEpoch
  // shuffles exactly as the uninterrupted run did. Without a seed, one is drawn globally.
  const seed = o.seed ?? Math.floor(makeRng()() * 0x100000000);
  const n = xt.shape[0];
  const steps = Math.ceil(n / o.batchSize);
  if (o.initialStep > steps) throw new ValueError(`${who}: initialStep = ${o.initialStep} but an epoch has only ${steps} batches of ${o.batchSize}`);
  const order = (epoch: number): Int32Array | null => (o.shuffle ? shuffledOrder(n, makeRng(`${seed}:${epoch}`)) : null);
  const validation = val;
  return t.runExclusive(who, () =>
    runFitLoop(t, plan, {
      steps,
      batches: (epoch) => arrayBatches(xt, yt, sampleWeight, o.batchSize, order(epoch)),
      trainingData: { inputBatches: (epoch) => arrayInputBatches(xt, o.batchSize, order(epoch)) },
    }, {
      epochs: o.epochs,
      initialEpoch: o.initialEpoch,
      initialStep: o.initialStep,
      verbose: o.verbose,
      callbacks: o.callbacks,
      validate: validation ? () => evaluateArrays(t, plan, validation[0], validation[1], o.batchSize, 'val_') : null,
    }),
  );
}
