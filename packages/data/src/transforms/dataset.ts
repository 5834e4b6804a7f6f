import { optionKeys, checkOptions, gather, makeRng, ShapeError, ValueError, type Tensor } from '@strata/core';
import type { Seed } from '../types';
import { permutation } from '../util/random';
import { AUGMENT_KEYS, augmentImages, checkAugmentOptions, type AugmentOptions } from './augment';

/** One training batch. */
export interface Batch {
  /** Images [batch, height, width, channels], augmented. */
  xs: Tensor;
  /** The matching rows of y, untouched. */
  ys: Tensor;
}

/** Options of {@link makeAugmentedDataset}: batching plus the augmentation ranges of {@link augmentImages}. */
export interface AugmentedDatasetOptions extends Omit<AugmentOptions, 'seed'> {
  /** Rows per batch; the last batch of an epoch may be smaller unless `dropRemainder`. */
  batchSize: number;
  /** Seed of the whole sequence of epochs: epoch k's order and augmentation depend only on it and k. */
  epochsSeed?: Seed;
  /** Reshuffle the rows every epoch. Default true. */
  shuffle?: boolean;
  /** Drop a last batch smaller than `batchSize`. Default false. */
  dropRemainder?: boolean;
}

/**
 * A re-iterable source of augmented batches: each `for await` over it is one epoch, freshly
 * shuffled and augmented, so a `fitDataset(dataset, { epochs })` loop sees new variants every
 * epoch without holding more than one batch of augmented images.
 */
export interface AugmentedDataset extends AsyncIterable<Batch> {
  /** Rows in the source data. */
  readonly size: number;
  /** Batches in each epoch. */
  readonly batchesPerEpoch: number;
  /** The batches of epoch `k` (from 0): the same k always gives the same batches. */
  epoch(k: number): AsyncIterable<Batch>;
}

/**
 * Wraps images and labels as an {@link AugmentedDataset} of on-the-fly augmented batches.
 *
 * @example
 * const ds = makeAugmentedDataset(x, y, { batchSize: 64, epochsSeed: 1, flip: true, shift: 0.1, rotation: 10, zoom: 0.1 });
 * for await (const { xs, ys } of ds) trainStep(xs, ys);   // one epoch; iterate again for the next
 */
export function makeAugmentedDataset(x: Tensor, y: Tensor, options: AugmentedDatasetOptions): AugmentedDataset {
  checkOptions(options, [
    ...AUGMENT_KEYS.filter((k) => k !== 'seed'),
    ...optionKeys<Omit<AugmentedDatasetOptions, keyof AugmentOptions>>()({ batchSize: true, epochsSeed: true, shuffle: true, dropRemainder: true }),
  ], 'makeAugmentedDataset');
  const { batchSize, epochsSeed, shuffle = true, dropRemainder = false, ...augment } = options;
  if (x.rank !== 4) throw new ShapeError(`makeAugmentedDataset: x must be NHWC images, got shape [${x.shape.join(', ')}]`);
  if (y.rank === 0 || y.shape[0] !== x.shape[0]) {
    throw new ShapeError(`makeAugmentedDataset: y must have one row per image (${x.shape[0]}), got shape [${y.shape.join(', ')}]`);
  }
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new ValueError(`makeAugmentedDataset: batchSize must be a positive integer, got ${batchSize}`);
  checkAugmentOptions(augment, 'makeAugmentedDataset');
  const n = x.shape[0];
  const batchesPerEpoch = dropRemainder ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  // Without a seed the sequence still follows the global one (setSeed), drawn once here.
  const base = epochsSeed ?? Math.floor(makeRng()() * 0x100000000);

  async function* epoch(k: number): AsyncGenerator<Batch> {
    const rng = makeRng(`${base}:epoch:${k}`);
    const order = permutation(n, shuffle ? rng : undefined);
    for (let b = 0; b < batchesPerEpoch; b++) {
      const rows = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
      const seed = Math.floor(rng() * 0x100000000);
      yield { xs: augmentImages(gather(x, rows), { ...augment, seed }), ys: gather(y, rows) };
    }
  }

  let nextEpoch = 0;
  return {
    size: n,
    batchesPerEpoch,
    epoch: (k) => {
      if (!Number.isInteger(k) || k < 0) throw new ValueError(`makeAugmentedDataset: epoch must be a non-negative integer, got ${k}`);
      return { [Symbol.asyncIterator]: () => epoch(k) };
    },
    [Symbol.asyncIterator]: () => epoch(nextEpoch++),
  };
}
