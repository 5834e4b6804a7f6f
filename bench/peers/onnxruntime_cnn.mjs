// onnxruntime peer for the benchmark: the article's CNN exported by Strata's exportOnnx, run in
// onnxruntime-node (native CPU) or onnxruntime-web (its wasm build, in Node).
// Usage: node bench/peers/onnxruntime_cnn.mjs runtime=node|web threads=N seconds=8 infer=256
// Prints one JSON object: samples/s at batch `infer` and the median latency of one sample, or
// { "error": "<why>" } when the runtime cannot run in this configuration.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUniform, setSeed } from '@strata/core';
import { exportOnnx } from '@strata/models';
import { articleModel } from '../../examples/fer-cnn/model.mjs';
import { median, rate } from '../timing.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const runtime = args.runtime ?? 'node';
const threads = Number(args.threads ?? 1);
const seconds = Number(args.seconds ?? 8);
const inferBatch = Number(args.infer ?? 256);

async function session(file) {
  if (runtime === 'node') {
    const ort = await import('onnxruntime-node');
    const s = await ort.InferenceSession.create(file, { intraOpNumThreads: threads, interOpNumThreads: 1 });
    return { ort, s };
  }
  if (runtime === 'web') {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = threads;
    const s = await ort.InferenceSession.create(readFileSync(file), { executionProviders: ['wasm'] });
    return { ort, s };
  }
  throw new Error(`runtime must be 'node' or 'web', got '${runtime}'`);
}

const dir = mkdtempSync(join(tmpdir(), 'strata-ort-bench-'));
let out;
try {
  setSeed(1);
  const file = join(dir, 'model.onnx');
  await exportOnnx(articleModel(), file);
  const { ort, s } = await session(file);
  const feed = (n) => ({ [s.inputNames[0]]: new ort.Tensor('float32', Float32Array.from(randomUniform([n, 48, 48, 1], { seed: n }).dataSync()), [n, 48, 48, 1]) });
  const big = feed(inferBatch);
  const one = feed(1);
  const pkg = `onnxruntime-${runtime}`;
  out = {
    runtime: pkg,
    version: ort.env.versions?.[runtime] ?? ort.env.versions?.common ?? null,
    threads,
    infer: (await rate(() => s.run(big), seconds)) * inferBatch,
    inferBatch,
    latencyMs: await median(() => s.run(one), seconds),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  await s.release();
} catch (e) {
  out = { error: `onnxruntime-${runtime} with ${threads} thread(s): ${String(e?.message ?? e).split('\n')[0]}` };
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
// onnxruntime-web's worker threads would keep the process alive.
process.exit(0);
