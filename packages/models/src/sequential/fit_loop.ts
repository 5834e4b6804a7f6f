import { CallbackList, type Callback, type Logs, type TrainingData } from '../callbacks/callback';
import { History } from '../callbacks/history';
import { ProgbarLogger } from '../callbacks/progbar_logger';
import { yieldToEventLoop } from './data';
import { EpochMetrics } from './epoch_metrics';
import type { LossPlan } from './forward';
import type { TrainingContext } from './training_context';
import { trainStep, type Batch } from './train_step';

/** Where an epoch's batches come from. */
export interface EpochSource {
  /** Batches per epoch, or null while unknown. */
  steps: number | null;
  /** The batches of one epoch. */
  batches(epoch: number): Iterable<Batch> | AsyncIterable<Batch>;
  /** Another pass over an epoch's inputs for callbacks, or null if the data cannot be read twice. */
  trainingData: TrainingData | null;
}

/** What the loop needs besides the data. */
export interface FitLoopOptions {
  epochs: number;
  initialEpoch: number;
  /** Batches of `initialEpoch` already trained (a run stopped mid-epoch); they are skipped. */
  initialStep: number;
  verbose: 0 | 1 | 2;
  callbacks: readonly Callback[];
  /** Validation logs (keys prefixed 'val_'), run at the end of every epoch; null for none. */
  validate: (() => Logs | Promise<Logs>) | null;
}

/**
 * Keras's callback list: the user's callbacks, then History and the progress logger unless
 * the user supplied their own.
 */
function withDefaults(callbacks: readonly Callback[], verbose: 0 | 1 | 2): { list: Callback[]; history: History } {
  const list = [...callbacks];
  let history = list.find((c): c is History => c instanceof History);
  if (!history) {
    history = new History();
    list.push(history);
  }
  if (verbose > 0 && !list.some((c) => c instanceof ProgbarLogger)) list.push(new ProgbarLogger({ mode: verbose === 2 ? 'line' : 'auto' }));
  return { list, history };
}

/**
 * Keras's fit loop: per epoch, reset the metrics, train on every batch (callbacks around each),
 * stop after the current batch when `t.model.stopTraining` is set, let callbacks act on the
 * trained epoch (`onEpochTrainEnd`: PreciseBatchNormalization), validate, report the epoch.
 * Between batches it yields to the event loop so output and async callbacks can run.
 */
export async function runFitLoop(t: TrainingContext, plan: LossPlan, source: EpochSource, o: FitLoopOptions): Promise<History> {
  const { list, history } = withDefaults(o.callbacks, o.verbose);
  const callbacks = new CallbackList(list);
  callbacks.configure(t.model, { epochs: o.epochs, steps: source.steps, verbose: o.verbose }, source.trainingData);
  const metrics = new EpochMetrics(t.createMetrics());
  t.model.stopTraining = false;
  await t.inCallback(() => callbacks.trainBegin({}));
  let last: Logs = {};
  for (let epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
    metrics.reset();
    await t.inCallback(() => callbacks.epochBegin(epoch, {}));
    let step = 0;
    // Resuming mid-epoch: the batches before initialStep were trained before the stop.
    const skip = epoch === o.initialEpoch ? o.initialStep : 0;
    for await (const batch of source.batches(epoch)) {
      if (step < skip) {
        step++;
        continue;
      }
      await t.inCallback(() => callbacks.batchBegin(step, { size: batch.x.shape[0] }));
      trainStep(t, plan, batch, metrics);
      await t.inCallback(() => callbacks.batchEnd(step, metrics.logs()));
      step++;
      if (t.model.stopTraining) break;
      await yieldToEventLoop();
    }
    const logs: Logs = metrics.logs();
    await t.inCallback(() => callbacks.epochTrainEnd(epoch, logs));
    if (o.validate) Object.assign(logs, await o.validate());
    await t.inCallback(() => callbacks.epochEnd(epoch, logs));
    last = logs;
    if (t.model.stopTraining) break;
  }
  await t.inCallback(() => callbacks.trainEnd(last));
  return history;
}
