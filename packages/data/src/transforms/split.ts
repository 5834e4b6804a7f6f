import { optionKeys, checkOptions, gather, makeRng, ShapeError, ValueError, type Tensor } from '@strata/core';
import type { LabeledData, Seed } from '../types';
import { permutation } from '../util/random';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Fraction of rows held out for testing, in (0, 1); the count is rounded up. Default 0.2. */
  testFraction?: number;
  /** Seed of the shuffle. */
  seed?: Seed;
  /** Shuffle before splitting. Default true; when false the last rows are the test set. */
  shuffle?: boolean;
}

/** Result of {@link trainTestSplit}. */
export interface TrainTestSplit {
  xTrain: Tensor;
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
}

function rowCount(x: Tensor, y: Tensor, where: string): number {
  if (x.rank === 0 || y.rank === 0 || x.shape[0] !== y.shape[0]) {
    throw new ShapeError(`${where}: x and y must have the same number of rows, got shapes [${x.shape.join(', ')}] and [${y.shape.join(', ')}]`);
  }
  return x.shape[0];
}

/**
 * Shuffles the rows of `x` and `y` with the same seeded permutation, so each label stays with
 * its image.
 */
export function shuffleTogether(x: Tensor, y: Tensor, seed?: Seed): LabeledData {
  const idx = permutation(rowCount(x, y, 'shuffleTogether'), makeRng(seed));
  return { x: gather(x, idx), y: gather(y, idx) };
}

/**
 * Splits rows into a training and a test set (as scikit-learn's `train_test_split`: shuffled by
 * default, test size rounded up).
 *
 * @example
 * const { xTrain, yTrain, xTest, yTest } = trainTestSplit(x, y, { testFraction: 0.2, seed: 7 });
 */
export function trainTestSplit(x: Tensor, y: Tensor, options: TrainTestSplitOptions = {}): TrainTestSplit {
  checkOptions(options, optionKeys<TrainTestSplitOptions>()({ testFraction: true, seed: true, shuffle: true }), 'trainTestSplit');
  const { testFraction = 0.2, seed, shuffle = true } = options;
  const n = rowCount(x, y, 'trainTestSplit');
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new ValueError(`trainTestSplit: testFraction must be in (0, 1), got ${testFraction}`);
  }
  const nTest = Math.ceil(n * testFraction);
  if (nTest >= n) {
    throw new ValueError(`trainTestSplit: testFraction ${testFraction} of ${n} rows leaves no training rows`);
  }
  const idx = permutation(n, shuffle ? makeRng(seed) : undefined);
  const train = idx.subarray(0, n - nTest), test = idx.subarray(n - nTest);
  return { xTrain: gather(x, train), yTrain: gather(y, train), xTest: gather(x, test), yTest: gather(y, test) };
}
