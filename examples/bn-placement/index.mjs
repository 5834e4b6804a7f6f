// The article's claims, made visible: batch normalization "reduces training time" and lets
// "higher learning rates be used". Trains the same network with no BN, BN before the activation
// and BN after it, at a normal and a high learning rate, on the same data and seed, and writes
// one chart of the validation curves plus a table.
//   node examples/bn-placement/index.mjs [--epochs 6] [--samples 2100] [--widths article|compact] [--out dir]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setSeed, slice } from '@strata/core';
import { Activation, BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D } from '@strata/layers';
import { Adam, estimateBatchNormStatistics, Sequential } from '@strata/models';
import { generateExpressions } from '@strata/data';
import { lineChart, svgDocument } from '../shared/svg_chart.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const epochs = Number(args.epochs ?? 6);
const samples = Number(args.samples ?? 2100);
const seed = Number(args.seed ?? 3);
// 'compact' keeps the article's layer pattern with a quarter of the filters, so six trainings fit in minutes.
const widths = args.widths === 'article' ? [32, 64, 128, 128, 1024] : [8, 16, 32, 32, 256];
const out = resolve(args.out ?? 'examples/bn-placement/output');

/** The article's network; `bn` places each BatchNormalization 'none', 'before' or 'after' the ReLU. */
function network(bn) {
  const m = new Sequential();
  const conv = (filters, first) => {
    const shape = first ? { inputShape: [48, 48, 1] } : {};
    if (bn === 'before') {
      m.add(new Conv2D({ filters, kernelSize: [3, 3], ...shape }));
      m.add(new BatchNormalization());
      m.add(new Activation({ activation: 'relu' }));
    } else {
      m.add(new Conv2D({ filters, kernelSize: [3, 3], activation: 'relu', ...shape }));
      if (bn === 'after') m.add(new BatchNormalization());
    }
  };
  conv(widths[0], true);
  conv(widths[1]);
  m.add(new MaxPooling2D({ poolSize: [2, 2] }));
  m.add(new Dropout({ rate: 0.25 }));
  conv(widths[2]);
  m.add(new MaxPooling2D({ poolSize: [2, 2] }));
  conv(widths[3]);
  m.add(new MaxPooling2D({ poolSize: [2, 2] }));
  m.add(new Dropout({ rate: 0.25 }));
  m.add(new Flatten());
  if (bn !== 'none') m.add(new BatchNormalization());
  m.add(new Dense({ units: widths[4], activation: 'relu' }));
  m.add(new Dropout({ rate: 0.5 }));
  m.add(new Dense({ units: 7, activation: 'softmax' }));
  return m;
}

const data = generateExpressions({ samples, seed, oneHot: true });
const sliceRows = (t, from, to) => slice(t, t.shape.map((_, i) => (i === 0 ? from : 0)), t.shape.map((d, i) => (i === 0 ? to - from : d)));
const runs = [];
for (const lr of [1e-3, 1e-2]) {
  for (const bn of ['none', 'before', 'after']) {
    setSeed(seed); // same initial draws, dropout masks and shuffles for every run
    const model = network(bn);
    model.compile({ optimizer: new Adam({ learningRate: lr }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const start = performance.now();
    const h = await model.fit(data.x, data.y, { epochs, batchSize: 64, validationSplit: 0.2, seed, verbose: 0 });
    const seconds = (performance.now() - start) / 1000;
    const valAcc = h.history.val_accuracy;
    const firstAbove = valAcc.findIndex((a) => a >= 0.8);
    // With few steps, BN's moving statistics (momentum 0.99) lag the data; re-estimating them
    // on the training part (precise BN) shows what the trained weights can do.
    let precise = null;
    if (bn !== 'none') {
      const split = Math.floor(samples * 0.8);
      const part = sliceRows;
      estimateBatchNormStatistics(model, part(data.x, 0, split));
      precise = model.evaluate(part(data.x, split, samples), part(data.y, split, samples), { batchSize: 256 }).accuracy;
    }
    runs.push({ bn, lr, valAcc, valLoss: h.history.val_loss, seconds, best: Math.max(...valAcc), epochTo80: firstAbove < 0 ? null : firstAbove + 1, precise });
    console.log(`BN ${bn.padEnd(6)} lr ${lr}: val accuracy by epoch ${valAcc.map((a) => a.toFixed(2)).join(' ')}${precise === null ? '' : `; after precise BN ${precise.toFixed(2)}`} (${seconds.toFixed(0)} s)`);
  }
}

const table = ['| BatchNormalization | learning rate | best val accuracy | final val accuracy | final, after precise BN | first epoch >= 80 % | seconds |', '| --- | --- | --- | --- | --- | --- | --- |']
  .concat(runs.map((r) => `| ${r.bn} | ${r.lr} | ${(100 * r.best).toFixed(1)} % | ${(100 * r.valAcc.at(-1)).toFixed(1)} % | ${r.precise === null ? '-' : `${(100 * r.precise).toFixed(1)} %`} | ${r.epochTo80 ?? 'never'} | ${r.seconds.toFixed(0)} |`));
console.log(`\n${table.join('\n')}`);

mkdirSync(out, { recursive: true });
const panel = (lr, x) => lineChart({
  x, y: 0, w: 440, title: `Validation accuracy, Adam lr ${lr}`, yMin: 0, yMax: 1,
  series: runs.filter((r) => r.lr === lr).map((r) => ({ label: `BN ${r.bn}`, values: r.valAcc })),
});
writeFileSync(join(out, 'bn-placement.svg'), svgDocument(900, 270, [panel(1e-3, 0), panel(1e-2, 455)]));
writeFileSync(join(out, 'bn-placement.md'), `${table.join('\n')}\n`);
console.log(`\nWrote ${join(out, 'bn-placement.svg')} and ${join(out, 'bn-placement.md')}`);
