import { checkOptions, optionKeys, Tensor, ValueError } from '@strata/core';
import type { Logs, TrainingData } from '../callbacks/callback';
import type { History } from '../callbacks/history';
import type { Loss } from '../losses/loss';
import { classSampleWeights } from './data';
import { evaluateArrays, evaluateStream } from './evaluate';
import { runFitLoop } from './fit_loop';
import { planLoss } from './forward';
import { fitDatasetKeys, resolveTrainOptions, type TrainOptions } from './options';
import { buildForInput } from './model_input';
import type { TrainingContext } from './training_context';
import type { Batch } from './train_step';
import { checkPositiveInteger, checkSamples, prepareLabels } from './validation';

/** One batch of a dataset (TF.js's `{ xs, ys }`). */
export interface DatasetBatch {
  xs: Tensor;
  ys: Tensor;
}

/** Batches, sync or async (an async generator streams data larger than memory). */
export type BatchIterable = AsyncIterable<DatasetBatch> | Iterable<DatasetBatch>;

/** A dataset: an iterable of batches, or a function returning a fresh one for every epoch. */
export type Dataset = BatchIterable | (() => BatchIterable);

/** Options of `Sequential.fitDataset`. */
export interface FitDatasetOptions extends TrainOptions {
  /** `[x, y]` tensors or a dataset of batches. */
  validationData?: [Tensor, Tensor] | Dataset;
  /** Batch size for validationData given as tensors. Default 32. */
  validationBatchSize?: number;
  /**
   * Batches per epoch (TF.js semantics): one iterator is shared across epochs and each epoch
   * takes this many batches; when it runs dry, training ends after that epoch.
   */
  batchesPerEpoch?: number;
}

type AnyIterator = AsyncIterator<DatasetBatch> | Iterator<DatasetBatch>;

function open(ds: BatchIterable): AnyIterator {
  return Symbol.asyncIterator in ds ? ds[Symbol.asyncIterator]() : ds[Symbol.iterator]();
}

/**
 * An iterator that is its own iterable (a generator object) can be walked once. Checked by
 * shape rather than by opening it: opening an iterable may have effects (a dataset that
 * advances to its next epoch on each iteration).
 */
function isOneShot(ds: BatchIterable): boolean {
  return typeof (ds as Partial<AnyIterator>).next === 'function';
}

/** Checks one batch like fit checks its arrays, building the model on the first one. */
function checkedBatch(t: TrainingContext, loss: Loss, b: DatasetBatch, i: number, classWeight: Record<number, number> | null, who: string): Batch {
  if (!b || !(b.xs instanceof Tensor) || !(b.ys instanceof Tensor)) throw new ValueError(`${who}: batch ${i} must be { xs: Tensor, ys: Tensor }`);
  checkSamples(b.xs, b.ys, who, [`batch ${i} xs`, `batch ${i} ys`]);
  buildForInput(t.model, b.xs, who, `batch ${i} xs`);
  const y = prepareLabels(b.ys, loss, t.model.outputShape, who, `batch ${i} ys`);
  return { x: b.xs, y, sampleWeight: classWeight ? classSampleWeights(y, classWeight) : null };
}

/** Checked batches from `it`, at most `limit`; `onEnd(count, exhausted)` runs when it stops. */
async function* checkedBatches(
  it: AnyIterator, limit: number, check: (b: DatasetBatch, i: number) => Batch, close: boolean, onEnd: (count: number, exhausted: boolean) => void,
): AsyncGenerator<Batch> {
  let count = 0;
  let exhausted = false;
  try {
    while (count < limit) {
      const r = await it.next();
      if (r.done) {
        exhausted = true;
        break;
      }
      yield check(r.value, count);
      count++;
    }
  } finally {
    if (close) await it.return?.();
  }
  onEnd(count, exhausted);
}

/** The inputs of at most `limit` batches from `it`, each checked against the model's input shape. */
async function* inputsOf(it: AnyIterator, limit: number, who: string): AsyncGenerator<Tensor> {
  try {
    for (let i = 0; i < limit; i++) {
      const r = await it.next();
      if (r.done) return;
      if (!r.value || !(r.value.xs instanceof Tensor)) throw new ValueError(`${who}: batch ${i} must be { xs: Tensor, ys: Tensor }`);
      yield r.value.xs;
    }
  } finally {
    await it.return?.();
  }
}

/**
 * The end-of-epoch validation for fitDataset's validationData: tensors (checked now, labels
 * checked once the model is built) or a dataset of batches checked as they arrive.
 */
function validationFor(t: TrainingContext, loss: Loss, vd: FitDatasetOptions['validationData'], batchSize: number, who: string): (() => Promise<Logs>) | null {
  if (vd === undefined) return null;
  if (Array.isArray(vd)) {
    const [vx, vy] = vd;
    checkSamples(vx, vy, who, ['validationData[0]', 'validationData[1]']);
    let labels: Tensor | null = null;
    return async () => {
      labels ??= prepareLabels(vy, loss, t.model.outputShape, who, 'validationData[1]');
      return evaluateArrays(t, planLoss(t.model.layers, loss), vx, labels, batchSize, 'val_');
    };
  }
  const source = typeof vd === 'function' ? vd : () => vd;
  const check = (b: DatasetBatch, i: number): Batch => checkedBatch(t, loss, b, i, null, `${who} validationData`);
  return () => evaluateStream(t, planLoss(t.model.layers, loss), checkedBatches(open(source()), Infinity, check, true, () => {}), 'val_');
}

/** `Sequential.fitDataset`: training on batches that arrive as an (async) iterable. */
export async function fitDatasetImpl(t: TrainingContext, dataset: Dataset, options: FitDatasetOptions): Promise<History> {
  const who = 'fitDataset';
  const { loss } = t.config;
  checkOptions(options, fitDatasetKeys(optionKeys<Omit<FitDatasetOptions, keyof TrainOptions>>()({ validationData: true, validationBatchSize: true, batchesPerEpoch: true })), who);
  const o = resolveTrainOptions(options, who);
  const limit = options.batchesPerEpoch === undefined ? Infinity : checkPositiveInteger(options.batchesPerEpoch, who, 'batchesPerEpoch');
  const valBatchSize = checkPositiveInteger(options.validationBatchSize ?? 32, who, 'validationBatchSize');
  const source = typeof dataset === 'function' ? dataset : () => dataset;
  if (typeof dataset !== 'function' && limit === Infinity && o.epochs - o.initialEpoch > 1 && isOneShot(dataset)) {
    throw new ValueError(`${who}: the dataset is a one-shot iterator (e.g. an async generator object) but ${o.epochs - o.initialEpoch} epochs were asked for; pass a function returning a fresh iterable per epoch, or set batchesPerEpoch`);
  }
  let shared: AnyIterator | null = null;
  const batches = (epoch: number): AsyncIterable<Batch> => {
    const sharing = limit !== Infinity && typeof dataset !== 'function';
    const it = sharing ? (shared ??= open(dataset as BatchIterable)) : open(source());
    return checkedBatches(it, limit, (b, i) => checkedBatch(t, loss, b, i, o.classWeight, who), !sharing, (count, exhausted) => {
      if (count === 0 && !sharing) throw new ValueError(`${who}: the dataset yielded no batches in epoch ${epoch + 1}`);
      if (exhausted && sharing) t.model.stopTraining = true;
    });
  };
  // A second pass for callbacks must not take batches from training: none over a one-shot
  // iterator or an iterator shared across epochs.
  const rereadable = typeof dataset === 'function' || (limit === Infinity && !isOneShot(dataset));
  const trainingData: TrainingData | null = rereadable ? { inputBatches: () => inputsOf(open(source()), limit, who) } : null;
  const validate = validationFor(t, loss, options.validationData, valBatchSize, who);
  return t.runExclusive(who, async () => {
    // The loss plan depends on the last layer only, which exists before the first batch builds the model.
    const plan = planLoss(t.model.layers, loss);
    return runFitLoop(t, plan, { steps: limit === Infinity ? null : limit, batches, trainingData }, { ...o, validate });
  });
}
