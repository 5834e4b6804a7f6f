// `npm run fer-modern`: a small modern network (examples/fer-modern/model.mjs) on the same task,
// data, split and training setup as `npm start` (examples/shared/fer/run.mjs: same flags,
// Ctrl-C and --resume, output in examples/fer-modern/output), then its parameter count, test
// accuracy and wall time beside the article model's. The article model's figures come from
// `npm start`'s metrics.json when that run used the same data and settings; otherwise this
// script trains the article model too, with the same flags, so both are measured alike.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runFerExample } from '../shared/fer/run.mjs';
import { articleModel } from '../fer-cnn/model.mjs';
import { modernModel } from './model.mjs';

const OUT = 'examples/fer-modern/output';
/** The options that make two runs comparable (the same faces, split and training). */
const SAME_RUN = ['data', 'samples', 'seed', 'difficulty', 'epochs', 'batchSize', 'learningRate'];

const modern = await runFerExample({ name: 'fer-modern', command: 'npm run fer-modern', buildModel: modernModel, out: OUT });
if (modern && !modern.resumed) {
  const article = await articleResult(modern.options);
  const pct = (v) => `${(100 * v).toFixed(1)} %`;
  const rows = [
    ['model', 'parameters', 'test accuracy', 'wall time'],
    ["article (npm start's model)", article.params.toLocaleString('en-US'), pct(article.testAccuracy), `${article.seconds.toFixed(0)} s`],
    ['modern (this run)', modern.params.toLocaleString('en-US'), pct(modern.testAccuracy), `${modern.seconds.toFixed(0)} s`],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`\nThe modern network beside the article's (same faces, split, epochs and optimizer; ${article.source}):`);
  for (const r of rows) console.log(`  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')}`);
}

/** The article model's figures for a run like `options`: npm start's metrics.json if it matches, else a fresh run. */
async function articleResult(options) {
  const file = resolve('examples/fer-cnn/output/metrics.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    if (!saved.resumed && SAME_RUN.every((k) => saved.options?.[k] === options[k])) {
      const when = saved.finishedAt ?? statSync(file).mtime.toISOString();
      return { ...saved, params: saved.params ?? articleModel().countParams(), source: `the article model's figures from ${file}, written ${when}` };
    }
  }
  console.log(`\nNo npm start result for these settings in ${file}: training the article model the same way for the comparison.\n`);
  const argv = process.argv.slice(2).filter((a) => a !== '--resume');
  const outAt = argv.indexOf('--out');
  const out = join(outAt >= 0 ? argv[outAt + 1] : OUT, 'article');
  if (outAt >= 0) argv.splice(outAt, 2);
  const run = await runFerExample({ name: 'fer-modern', command: 'npm run fer-modern', buildModel: articleModel, out, argv: [...argv, '--out', out] });
  return { ...run, source: `the article model trained just now, in ${out}` };
}
