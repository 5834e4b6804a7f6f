import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { closenessMismatches, type Tensor } from '@strata/core';
import { exportOnnx, type Sequential } from '@strata/models';
import { randomValues, tempDir } from '../helpers';

export type Runtime = 'node' | 'web';

export interface OnnxRun {
  data: Float32Array;
  dims: number[];
  inputNames: string[];
  outputNames: string[];
}

let runner: ChildProcess | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (r: OnnxRun) => void; reject: (e: Error) => void }>();

function ortRunner(): ChildProcess {
  if (runner) return runner;
  const child = fork(join(__dirname, 'ort_runner.mjs'), [], { serialization: 'advanced', stdio: 'inherit' });
  child.on('message', (m: { id: number; result?: OnnxRun; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(`onnxruntime: ${m.error}`));
    else p?.resolve(m.result as OnnxRun);
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`the onnxruntime runner exited with code ${code}`));
    pending.clear();
    runner = null;
  });
  runner = child;
  return child;
}

/** Ends the onnxruntime child process (call in afterAll). */
export function stopOnnxRunner(): void {
  runner?.kill();
  runner = null;
}

/** Runs the ONNX file on `x` (NHWC, as predict takes it) in onnxruntime-node or -web (wasm), on one thread. */
export function runOnnx(file: string, x: Tensor, runtime: Runtime = 'node'): Promise<OnnxRun> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    ortRunner().send({ id, file, runtime, threads: 1, data: Float32Array.from(x.dataSync()), dims: [...x.shape] });
  });
}

/**
 * Exports `model`, runs it in onnxruntime on random NHWC input of `batch` samples and expects
 * predict's output within 1e-4 relative plus 1e-5 absolute. Returns the file's path.
 */
export async function expectOnnxMatchesPredict(model: Sequential, options: { batch?: number; seed?: number; runtime?: Runtime; file?: string; opset?: number } = {}): Promise<string> {
  const { batch = 3, seed = 1, runtime = 'node' } = options;
  const file = options.file ?? join(tempDir('strata-onnx-'), 'model.onnx');
  if (!options.file) await exportOnnx(model, file, options.opset === undefined ? undefined : { opset: options.opset });
  const shape = model.inputShape.map((d, i) => (i === 0 ? batch : (d as number)));
  const x = randomValues(shape, seed);
  const expected = model.predict(x);
  const got = await runOnnx(file, x, runtime);
  expect(got.dims).toEqual(expected.shape);
  expect(closenessMismatches(got.data, expected.dataSync())).toEqual([]);
  return file;
}
