import { checkOptions, getBackend, getNumThreads, getWasmKernelVariant, optionKeys, ShapeError, Tensor, ValueError } from '@strata/core';
import type { BatchOptions } from '../sequential/options';
import type { Sequential } from '../sequential/sequential';
import { checkPositiveInteger } from '../sequential/validation';
import { InferenceWorker } from './inference_worker';
import type { KernelSettings } from './protocol';

const WHO = 'predictAsync';
const OPTION_KEYS = optionKeys<BatchOptions>()({ batchSize: true });

/** Each model's worker, created on its first predictAsync; it goes with the model. */
const workers = new WeakMap<Sequential, InferenceWorker>();

/** The calling thread's kernel choices, which the worker copies so its results are predict's, bit for bit. */
function kernelSettings(): KernelSettings {
  const backend = getBackend().name;
  if (backend === 'reference') return { backend };
  if (backend === 'wasm') return { backend, threads: getNumThreads(), variant: getWasmKernelVariant() };
  throw new ValueError(`${WHO}: the active backend '${backend}' cannot run in the inference worker; use setBackend('wasm') or setBackend('reference')`);
}

/**
 * `predict` on a worker thread: every argument is checked here first (the same errors as
 * `predict`), then the kernels run in the model's inference worker while this thread's event
 * loop stays free. Concurrent calls queue; each resolves to exactly what `predict` returns.
 */
export async function predictAsync(model: Sequential, x: Tensor, options?: BatchOptions): Promise<Tensor> {
  const o = checkOptions(options, OPTION_KEYS, WHO);
  const batchSize = checkPositiveInteger(o.batchSize ?? 32, WHO, 'batchSize');
  if (!(x instanceof Tensor)) {
    const got = x === null ? 'null' : typeof x === 'object' ? `a ${(x as object).constructor?.name ?? 'object'}` : typeof x;
    throw new TypeError(`${WHO}: x must be a Tensor, got ${got}; make one with tensor(data, shape) from @strata/core`);
  }
  if (x.rank === 0) throw new ShapeError(`${WHO}: x needs a batch axis, got a scalar`);
  model.buildFor(x, WHO);
  const settings = kernelSettings();
  let worker = workers.get(model);
  if (!worker) workers.set(model, (worker = new InferenceWorker()));
  return worker.predict(model, x, batchSize, settings);
}
