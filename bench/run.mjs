// `npm run bench`: every number the project is judged on, measured side by side in one run,
// printed as tables and appended to docs/benchmarks.md with the date and the CPU.
// Flags: --quick (shorter timings), --no-peers (Strata only), --no-tfjs-cpu (skip the slowest peer).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchWasmKernels } from './wasm_kernels.mjs';
import { benchReference } from './reference_kernels.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flags = new Set(process.argv.slice(2));
const seconds = flags.has('--quick') ? 3 : 8;
const threads = availableParallelism();
const f = (v, d = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : String(v ?? '-'));

/** Runs one benchmark configuration in its own process and parses its JSON line. */
function child(cmd, args, timeoutSeconds = 900) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24, timeout: timeoutSeconds * 1000 });
  if (r.error && r.error.code === 'ETIMEDOUT') return { error: `did not finish within ${timeoutSeconds} s` };
  const line = (r.stdout || '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (r.status !== 0 || !line) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(line);
}

function torchAvailable() {
  const py = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const r = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? py : null;
}

console.log(`Strata benchmark, ${new Date().toISOString()}, ${cpus()[0].model}, ${threads} cores\n`);
console.log('Kernels (wasm 1 thread vs all threads; reference for comparison)...');
const kernels = await benchWasmKernels();
const reference = await benchReference({ runs: flags.has('--quick') ? 1 : 3 });

const cnnArgs = [`seconds=${seconds}`, 'train=32,64', 'infer=256'];
const rows = [];
const strata = (label, extra) => rows.push([label, child(process.execPath, ['bench/strata_cnn.mjs', ...cnnArgs, ...extra])]);
console.log('Article CNN: Strata reference, wasm 1 thread, wasm all threads...');
strata('Strata reference', ['backend=reference']);
strata('Strata wasm, 1 thread', ['backend=wasm', 'threads=1']);
strata(`Strata wasm, ${threads} threads`, ['backend=wasm', `threads=${threads}`]);
if (!flags.has('--no-peers')) {
  console.log('Peers: TensorFlow.js wasm, cpu; PyTorch...');
  rows.push(['TensorFlow.js wasm', child(process.execPath, ['bench/peers/tfjs_cnn.mjs', 'backend=wasm', ...cnnArgs])]);
  if (!flags.has('--no-tfjs-cpu')) {
    // tfjs's cpu backend needs minutes per training step of this model: one step at batch 4,
    // an inference batch of 8, and a time limit.
    rows.push(['TensorFlow.js cpu (train batch 4, infer batch 8)', child(process.execPath, ['bench/peers/tfjs_cnn.mjs', 'backend=cpu', 'seconds=1', 'train=4', 'infer=8', 'gemm=512', 'warmup=0'], 300)]);
  }
  const py = torchAvailable();
  rows.push([`PyTorch, ${threads} threads`, py ? child(py, ['bench/peers/torch_cnn.py', `threads=${threads}`, ...cnnArgs]) : { error: 'not installed' }]);
}

const md = [];
const line = (s = '') => {
  md.push(s);
  console.log(s);
};
line(`## ${new Date().toISOString().slice(0, 10)}: ${cpus()[0].model}, ${threads} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
line();
line(`SGEMM (GFLOP/s). Theoretical fp32 peak with 128-bit SIMD: ${f(kernels.peak.perCore)} per core, ${f(kernels.peak.allCores)} on ${threads} cores (${kernels.variant} micro-kernel).`);
line();
const tfjsWasm = rows.find(([l]) => l === 'TensorFlow.js wasm')?.[1];
line(`| n | wasm 1 thread | wasm ${threads} threads | % of ${threads}-core peak |`);
line('| --- | --- | --- | --- |');
for (const g of kernels.gemm) line(`| ${g.n} | ${f(g.gflopsOneThread)} | ${f(g.gflopsAllThreads)} | ${f((100 * g.gflopsAllThreads) / kernels.peak.allCores, 0)} % |`);
line();
const g1024 = kernels.gemm.find((g) => g.n === 1024);
line(`n = 1024: reference backend ${f(reference.gemm.gflops ?? kernels.reference1024, 2)} GFLOP/s; TensorFlow.js wasm ${f(tfjsWasm?.gemmGflops)} GFLOP/s` +
  (tfjsWasm?.gemmGflops ? ` -> Strata wasm is ${f(g1024.gflopsOneThread / tfjsWasm.gemmGflops, 2)}x (1 thread) and ${f(g1024.gflopsAllThreads / tfjsWasm.gemmGflops, 2)}x (${threads} threads)` : ''));
line();
line('Conv2D kernels of the article\'s model, batch 32, ms (forward / input-grad / filter-grad):');
line();
line(`| layer | reference | wasm 1 thread | wasm ${threads} threads |`);
line('| --- | --- | --- | --- |');
kernels.convs.forEach((c, i) => {
  const r = reference.conv[i] ?? {};
  line(`| ${c.layer} | ${f(r.forwardMs)} / ${f(r.inputGradMs)} / ${f(r.filterGradMs)} | ${f(c.forwardMsOneThread)} / ${f(c.inputGradMsOneThread)} / ${f(c.filterGradMsOneThread)} | ${f(c.forwardMsAllThreads)} / ${f(c.inputGradMsAllThreads)} / ${f(c.filterGradMsAllThreads)} |`);
});
line();
line('The article\'s CNN (48x48x1, 7 classes, Adam), samples/second:');
line();
line('| implementation | train batch 32 | train batch 64 | inference batch 256 | peak RSS MiB |');
line('| --- | --- | --- | --- | --- |');
const cell = (v) => (v && typeof v === 'object' ? `error: ${v.error}` : f(v));
for (const [label, r] of rows) {
  if (r.error) line(`| ${label} | ${r.error} | | | |`);
  else if (r.train?.[4] !== undefined) line(`| ${label} | ${cell(r.train[4])} (batch 4) | - | ${f(r.infer)} (batch 8) | ${f(r.peakRssMiB, 0)} |`);
  else line(`| ${label} | ${cell(r.train?.[32])} | ${cell(r.train?.[64])} | ${f(r.infer)} | ${f(r.peakRssMiB, 0)} |`);
}
const torch = rows.find(([l]) => l.startsWith('PyTorch'))?.[1];
const best = rows.find(([l]) => l === `Strata wasm, ${threads} threads`)?.[1];
if (best && !best.error) {
  line();
  const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' ? `${f(a / b, 2)}x` : 'n/a');
  line(`Ratios (Strata wasm ${threads} threads): training batch 64 vs PyTorch ${ratio(best.train[64], torch?.train?.[64])}; ` +
    `inference vs PyTorch ${ratio(best.infer, torch?.infer)}, vs TensorFlow.js wasm ${ratio(best.infer, tfjsWasm?.infer)}.`);
  line();
  line('Time split of one training step at batch 32 (ms):');
  line();
  for (const [label, r] of rows.filter(([l, r]) => l.startsWith('Strata') && !r.error)) {
    line(`- ${label}: step ${f(r.stepMs, 0)} ms = ${Object.entries(r.kernelsMs).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${f(v, 0)}`).join(', ')}`);
  }
}
line();
if (!flags.has('--dry')) appendFileSync(join(root, 'docs', 'benchmarks.md'), md.join('\n') + '\n');
