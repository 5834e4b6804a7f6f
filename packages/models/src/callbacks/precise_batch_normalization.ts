import { checkOptions, optionKeys, Tensor, ValueError } from '@strata/core';
import { BatchNormalization, type Layer, type LayerShape } from '@strata/layers';
import { BatchNormStatisticsAccumulator } from '../sequential/batch_norm_statistics';
import { takeRange, yieldToEventLoop } from '../sequential/data';
import type { Dataset, DatasetBatch } from '../sequential/fit_dataset';
import { Callback, type CallbackModel, type Logs } from './callback';

/** Arguments of {@link PreciseBatchNormalization}. */
export interface PreciseBatchNormalizationArgs {
  /** Training batches to average over; the whole epoch if it has fewer. Default 50. */
  batches?: number;
  /** Re-estimate every this many epochs (and always after the last one). Default 1. */
  everyEpochs?: number;
  /**
   * Where the batches come from: input samples (split into `batchSize` rows) or a dataset of
   * `{ xs }` batches. Default: the fit's own training batches, in the order of the epoch just trained.
   */
  data?: Tensor | Dataset;
  /** Rows per batch when `data` is a tensor. Default 32. */
  batchSize?: number;
}

const ARG_KEYS = optionKeys<PreciseBatchNormalizationArgs>()({ batches: true, everyEpochs: true, data: true, batchSize: true });

function checkArgs(options: PreciseBatchNormalizationArgs | undefined): PreciseBatchNormalizationArgs {
  const args = checkOptions(options, ARG_KEYS, 'PreciseBatchNormalization');
  for (const key of ['batches', 'everyEpochs', 'batchSize'] as const) {
    const v = args[key];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new ValueError(`PreciseBatchNormalization: ${key} must be a positive integer, got ${String(v)}`);
  }
  const d = args.data as unknown;
  const isDataset = typeof d === 'function' || (typeof d === 'object' && d !== null && (Symbol.iterator in d || Symbol.asyncIterator in d));
  if (d !== undefined && !(d instanceof Tensor) && !isDataset) {
    throw new ValueError(`PreciseBatchNormalization: data must be a Tensor of inputs or a dataset of { xs } batches, got ${String(d)}`);
  }
  return args;
}

function* tensorBatches(x: Tensor, batchSize: number): Generator<Tensor> {
  for (let start = 0; start < x.shape[0]; start += batchSize) yield takeRange(x, start, Math.min(batchSize, x.shape[0] - start));
}

async function* datasetInputs(ds: Dataset): AsyncGenerator<Tensor> {
  const source = typeof ds === 'function' ? ds() : ds;
  for await (const b of source as AsyncIterable<DatasetBatch>) {
    if (!b || !(b.xs instanceof Tensor)) throw new ValueError('PreciseBatchNormalization: every batch of data must be { xs: Tensor }');
    yield b.xs;
  }
}

interface LayeredModel extends CallbackModel {
  readonly layers: Layer[];
  readonly built?: boolean;
  readonly inputShape?: LayerShape;
}

/**
 * Precise BatchNormalization (detectron2/fvcore's `PreciseBN` hook; PyTorch's
 * `swa_utils.update_bn`): at the end of an epoch, before validation, sets every trainable
 * BatchNormalization layer's moving mean and variance to the exact average of its batch
 * statistics over `batches` training batches, instead of the momentum average training keeps.
 * With Keras's momentum 0.99, a few hundred steps leave the moving statistics far from the
 * data's, so validation during `fit` reports far less than the model scores once they are
 * re-estimated; with this callback the validation numbers are the model's. Everything but the
 * statistics runs in inference mode (dropout off); trainable weights and the optimizer are not
 * touched. Adds `bn_recalibrated: true` to the logs of the epochs it re-estimated. Not the
 * default: plain `fit` stays Keras-exact.
 */
export class PreciseBatchNormalization extends Callback {
  readonly batches: number;
  readonly everyEpochs: number;
  readonly batchSize: number;
  private readonly data: Tensor | Dataset | null;

  constructor(options?: PreciseBatchNormalizationArgs) {
    super();
    const args = checkArgs(options);
    this.batches = args.batches ?? 50;
    this.everyEpochs = args.everyEpochs ?? 1;
    this.batchSize = args.batchSize ?? 32;
    this.data = args.data ?? null;
  }

  private layered(): LayeredModel {
    const model = this.requireModel() as Partial<LayeredModel>;
    if (!Array.isArray(model.layers)) throw new ValueError('PreciseBatchNormalization: the model has no layers list');
    return model as LayeredModel;
  }

  override onTrainBegin(): void {
    const model = this.layered();
    if (!model.layers.some((l) => l instanceof BatchNormalization)) throw new ValueError('PreciseBatchNormalization: the model has no BatchNormalization layer to re-estimate');
    if (this.data === null && this.trainingData === null) {
      throw new ValueError("PreciseBatchNormalization: the fit's training data cannot be read twice (a one-shot iterator, or one iterator shared across epochs with batchesPerEpoch); pass the batches to average over as `data`");
    }
    if (this.data instanceof Tensor && model.built && model.inputShape) {
      const want = model.inputShape.slice(1);
      const got = this.data.shape.slice(1);
      if (want.length !== got.length || want.some((d, i) => d !== null && d !== got[i])) {
        throw new ValueError(`PreciseBatchNormalization: data has shape [${this.data.shape.join(', ')}] but the model expects inputs of shape [null, ${want.join(', ')}]`);
      }
    }
  }

  private inputs(epoch: number): Iterable<Tensor> | AsyncIterable<Tensor> {
    if (this.data instanceof Tensor) return tensorBatches(this.data, this.batchSize);
    if (this.data !== null) return datasetInputs(this.data);
    return this.trainingData!.inputBatches(epoch);
  }

  override async onEpochTrainEnd(epoch: number, logs: Logs): Promise<void> {
    if ((epoch + 1) % this.everyEpochs !== 0 && epoch + 1 !== this.params.epochs) return;
    const statistics = new BatchNormStatisticsAccumulator(this.layered().layers);
    let count = 0;
    const source = this.inputs(epoch);
    for await (const x of source) {
      statistics.add(x);
      if (++count >= this.batches) break;
      await yieldToEventLoop();
    }
    if (count === 0) throw new ValueError(`PreciseBatchNormalization: the data yielded no batches in epoch ${epoch + 1}`);
    statistics.assign();
    logs.bn_recalibrated = true;
  }
}
