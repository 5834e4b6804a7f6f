// The main job (`npm start`): the article's facial-expression CNN, end to end.
// Trains on synthetic FER2013-style faces by default, or on real FER2013 with --data;
// prints the summary, a progress bar, test accuracy and a confusion matrix, saves the model,
// and writes a picture of the training (loss/accuracy curves and the confusion matrix).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setSeed, StrataError, argmax } from '@strata/core';
import { Adam, confusionMatrix, estimateBatchNormStatistics } from '@strata/models';
import { FER2013_CLASSES } from '@strata/data';
import { articleModel } from './model.mjs';
import { HELP, parseArgs, UsageError } from './cli.mjs';
import { loadData } from './data.mjs';
import { trainingChart } from './report.mjs';

const DEFAULTS = { epochs: 4, batchSize: 32, samples: 3500, seed: 7, learningRate: 1e-3, out: 'examples/fer-cnn/output' };

async function main() {
  const opts = parseArgs(process.argv.slice(2), DEFAULTS);
  if (opts.help) {
    console.log(HELP);
    return;
  }
  setSeed(opts.seed);
  const started = performance.now();
  const data = await loadData(opts);
  console.log(`Data: ${data.description}`);
  console.log(`  train ${data.train.x.shape[0]} images, test ${data.test.x.shape[0]} images\n`);

  const model = articleModel();
  model.summary();
  model.compile({ optimizer: new Adam({ learningRate: opts.learningRate }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const history = await model.fit(data.train.x, data.train.y, {
    epochs: opts.epochs, batchSize: opts.batchSize, validationSplit: 0.1, seed: opts.seed, verbose: 1,
  });

  // Keras's BatchNormalization momentum (0.99) leaves 0.99^n of the initial moving statistics
  // after n steps: a run of a few hundred steps still normalises inference with statistics far
  // from the data's. Report that, then re-estimate them on the training images (precise BN).
  const before = model.evaluate(data.test.x, data.test.y, { batchSize: 256 });
  console.log(`\nTest accuracy with the moving BatchNormalization statistics after ${history.epoch.length} epochs: ${(100 * before.accuracy).toFixed(1)} %`);
  estimateBatchNormStatistics(model, data.train.x, { batchSize: 256 });
  console.log('Re-estimated the BatchNormalization statistics on the training images (precise BN).');
  const scores = model.evaluate(data.test.x, data.test.y, { batchSize: 256 });
  const probs = model.predict(data.test.x, { batchSize: 256 });
  const matrix = confusionMatrix(argmax(data.test.y, -1), argmax(probs, -1), 7).toArray();
  console.log(`\nTest loss ${scores.loss.toFixed(4)}, test accuracy ${(100 * scores.accuracy).toFixed(1)} %`);
  printMatrix(matrix);

  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  await model.save(join(out, 'model'));
  console.log(`Saved the trained model to ${join(out, 'model')} (TensorFlow.js layers format)`);
  const chart = join(out, 'training.svg');
  writeFileSync(chart, trainingChart(history.history, matrix, FER2013_CLASSES, scores.accuracy));
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(join(out, 'metrics.json'), JSON.stringify({ testAccuracy: scores.accuracy, testLoss: scores.loss, testAccuracyMovingStatistics: before.accuracy, seconds, options: opts, history: history.history, confusionMatrix: matrix }, null, 2));
  console.log(`Wrote the training picture to ${chart}`);
  console.log(`Done in ${seconds.toFixed(0)} s.`);
}

function printMatrix(matrix) {
  const w = Math.max(...FER2013_CLASSES.map((c) => c.length));
  console.log(`\nConfusion matrix (rows: true class, columns: predicted)\n${' '.repeat(w + 1)}${FER2013_CLASSES.map((c) => c.slice(0, 5).padStart(6)).join('')}`);
  matrix.forEach((row, i) => console.log(`${FER2013_CLASSES[i].padStart(w)} ${row.map((v) => String(v).padStart(6)).join('')}`));
}

main().catch((e) => {
  // User errors (bad flags, unreadable data) get one clear line; anything else is a bug: show it all.
  if (e instanceof UsageError || e instanceof StrataError) {
    console.error(`fer-cnn: ${e.message}`);
    process.exit(1);
  }
  console.error(e);
  process.exit(2);
});
