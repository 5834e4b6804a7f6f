// Where the example's images come from: synthetic faces, a FER2013 CSV, or image folders.
// Every source gives train, validation and test sets. Synthetic validation and test faces are
// fresh draws (other seeds), a quarter of the training count each; FER2013's CSV has PublicTest
// for validation; otherwise validation is a seeded random tenth of the training images: a random
// draw from the same faces, so its accuracy predicts the test accuracy, whatever order the files
// list them in.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateExpressions, readFer2013Csv, readImageFolder, trainTestSplit } from '@strata/data';
import { UsageError } from './cli.mjs';

function withValidation(train, seed) {
  const split = trainTestSplit(train.x, train.y, { testFraction: 0.1, seed: seed + 1 });
  return { train: { x: split.xTrain, y: split.yTrain }, val: { x: split.xTest, y: split.yTest } };
}

async function loadSets(opts) {
  if (!opts.data) {
    // Train and test come from different seeds: the test faces are never seen in training.
    const { difficulty } = opts;
    const faces = (samples, seed) => generateExpressions({ samples, seed, oneHot: true, difficulty });
    const train = faces(opts.samples, opts.seed);
    const val = faces(Math.ceil(opts.samples / 4), opts.seed + 200003);
    const test = faces(Math.ceil(opts.samples / 4), opts.seed + 100003);
    return { description: `synthetic FER2013-style faces (seed ${opts.seed}${difficulty === undefined ? '' : `, difficulty ${difficulty}`})`, train, val, test };
  }
  if (!existsSync(opts.data)) throw new UsageError(`--data: '${opts.data}' does not exist`);
  if (statSync(opts.data).isDirectory()) {
    const trainDir = join(opts.data, 'train');
    const testDir = join(opts.data, 'test');
    if (existsSync(trainDir) && existsSync(testDir)) {
      const train = await readImageFolder(trainDir, { oneHot: true });
      const test = await readImageFolder(testDir, { oneHot: true });
      return { description: `image folders ${trainDir} and ${testDir}`, train, test };
    }
    const all = await readImageFolder(opts.data, { oneHot: true });
    const split = trainTestSplit(all.x, all.y, { testFraction: 0.2, seed: opts.seed });
    return { description: `image folder ${opts.data} (20 % held out for testing)`, train: { x: split.xTrain, y: split.yTrain }, test: { x: split.xTest, y: split.yTest } };
  }
  const csv = await readFer2013Csv(opts.data, { oneHot: true });
  const hasBoth = csv.privateTest.x.shape[0] > 0 && csv.publicTest.x.shape[0] > 0;
  const test = csv.privateTest.x.shape[0] > 0 ? csv.privateTest : csv.publicTest;
  return { description: `FER2013 CSV ${opts.data}${hasBoth ? ' (validation: PublicTest, test: PrivateTest)' : ''}`, train: csv.train, test, val: hasBoth ? csv.publicTest : null };
}

export async function loadData(opts) {
  const sets = await loadSets(opts);
  if (sets.val) return sets;
  return { ...sets, ...withValidation(sets.train, opts.seed) };
}
