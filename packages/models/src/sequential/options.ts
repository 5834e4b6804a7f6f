import { checkOptions, optionKeys, ValueError, type Tensor } from '@strata/core';
import { Callback } from '../callbacks/callback';
import { checkClassWeight, checkNonNegativeInteger, checkPositiveInteger } from './validation';

/** Options shared by `fit` and `fitDataset` (camelCase Keras arguments). */
export interface TrainOptions {
  /** Index of the last epoch (Keras semantics: training runs epochs initialEpoch..epochs-1). Default 1. */
  epochs?: number;
  /** Epoch to start at (to resume a run). Default 0. */
  initialEpoch?: number;
  /**
   * Batches of `initialEpoch` already trained, to resume a run stopped mid-epoch (not a Keras
   * argument; TensorFlow keeps it internally for BackupAndRestore). They are skipped, so with the
   * same seed the run continues exactly; the resumed epoch's training loss and metrics average
   * the remaining batches only. Default 0.
   */
  initialStep?: number;
  callbacks?: Callback[];
  /** 0 silent, 1 progress bar (one line per epoch when stdout is not a TTY), 2 one line per epoch. Default 1. */
  verbose?: 0 | 1 | 2;
  /** Weight of each class in the loss, e.g. `{ 0: 1, 1: 5 }`; unlisted classes weigh 1. */
  classWeight?: Record<number, number>;
}

/** Options of `Sequential.fit`. */
export interface FitOptions extends TrainOptions {
  /** Default 32. */
  batchSize?: number;
  /** Reshuffle the training samples every epoch. Default true. */
  shuffle?: boolean;
  /** Fraction in [0, 1) of the samples, taken from the END before shuffling, to validate on. */
  validationSplit?: number;
  /** Validation samples `[x, y]`; takes precedence over validationSplit, as in Keras. */
  validationData?: [Tensor, Tensor];
  /**
   * Seeds the shuffling; without it, it follows the global seed (`setSeed`). Each epoch's order
   * depends on (seed, epoch) only, so a run resumed with `initialEpoch` and the same seed
   * shuffles exactly as the uninterrupted run.
   */
  seed?: number | string;
}

/** Options of `evaluate` and `predict`. */
export interface BatchOptions {
  /** Default 32. */
  batchSize?: number;
}

export const BATCH_KEYS = optionKeys<BatchOptions>()({ batchSize: true });

const TRAIN_KEYS = optionKeys<TrainOptions>()({ epochs: true, initialEpoch: true, initialStep: true, callbacks: true, verbose: true, classWeight: true });
const FIT_KEYS = [...TRAIN_KEYS, ...optionKeys<Omit<FitOptions, keyof TrainOptions>>()({ batchSize: true, shuffle: true, validationSplit: true, validationData: true, seed: true })];

/** FitOptions with every default filled in and every value checked. */
export interface ResolvedFitOptions {
  epochs: number;
  initialEpoch: number;
  initialStep: number;
  callbacks: Callback[];
  verbose: 0 | 1 | 2;
  classWeight: Record<number, number> | null;
  batchSize: number;
  shuffle: boolean;
  validationSplit: number;
  validationData: [Tensor, Tensor] | null;
  seed: number | string | undefined;
}

/** Checks the options shared with fitDataset and fills their defaults. */
export function resolveTrainOptions(o: TrainOptions, who: string): Pick<ResolvedFitOptions, 'epochs' | 'initialEpoch' | 'initialStep' | 'callbacks' | 'verbose' | 'classWeight'> {
  const epochs = checkNonNegativeInteger(o.epochs ?? 1, who, 'epochs');
  const initialEpoch = checkNonNegativeInteger(o.initialEpoch ?? 0, who, 'initialEpoch');
  const initialStep = checkNonNegativeInteger(o.initialStep ?? 0, who, 'initialStep');
  const verbose = o.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new ValueError(`${who}: verbose must be 0, 1 or 2, got ${String(verbose)}`);
  const callbacks = o.callbacks ?? [];
  callbacks.forEach((c, i) => {
    if (!(c instanceof Callback)) throw new ValueError(`${who}: callbacks[${i}] is not a Callback (extend Callback or use LambdaCallback)`);
  });
  return { epochs, initialEpoch, initialStep, callbacks, verbose, classWeight: checkClassWeight(o.classWeight, who) };
}

/** The option names of fitDataset: the shared training options plus its own. */
export function fitDatasetKeys(own: readonly string[]): string[] {
  return [...TRAIN_KEYS, ...own];
}

/** Checks every fit option and fills the defaults (Keras's). */
export function resolveFitOptions(o: FitOptions): ResolvedFitOptions {
  const who = 'fit';
  checkOptions(o, FIT_KEYS, who);
  const base = resolveTrainOptions(o, who);
  const batchSize = checkPositiveInteger(o.batchSize ?? 32, who, 'batchSize');
  const validationSplit = o.validationSplit ?? 0;
  if (typeof validationSplit !== 'number' || !(validationSplit >= 0 && validationSplit < 1)) {
    throw new ValueError(`${who}: validationSplit must be a number in [0, 1), got ${String(validationSplit)}`);
  }
  const vd = o.validationData ?? null;
  if (vd !== null && (!Array.isArray(vd) || vd.length !== 2)) throw new ValueError(`${who}: validationData must be [x, y]`);
  return { ...base, batchSize, shuffle: o.shuffle ?? true, validationSplit, validationData: vd, seed: o.seed };
}
