// Where the example's images come from: synthetic faces, a FER2013 CSV, or image folders.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateExpressions, readFer2013Csv, readImageFolder, trainTestSplit } from '@strata/data';
import { UsageError } from './cli.mjs';

export async function loadData(opts) {
  if (!opts.data) {
    // Train and test come from different seeds: the test faces are never seen in training.
    const train = generateExpressions({ samples: opts.samples, seed: opts.seed, oneHot: true });
    const test = generateExpressions({ samples: Math.ceil(opts.samples / 4), seed: opts.seed + 100003, oneHot: true });
    return { description: `synthetic FER2013-style faces (seed ${opts.seed})`, train, test };
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
  const test = csv.privateTest.x.shape[0] > 0 ? csv.privateTest : csv.publicTest;
  return { description: `FER2013 CSV ${opts.data}`, train: csv.train, test };
}
