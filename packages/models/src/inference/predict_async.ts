import { getBackend, getNumThreads, getWasmKernelVariant, ValueError, type NestedArray, type Tensor } from '@strata/core';
import type { BatchOptions } from '../sequential/options';
import type { TrainableModel } from '../sequential/model';
import { preparePredict } from '../sequential/evaluate';
import { toTensorArg } from '../sequential/tensor_args';
import { InferenceWorker } from './inference_worker';
import type { KernelSettings } from './protocol';

const WHO = 'predictAsync';

/** Each model's worker, created on its first predictAsync; it goes with the model. */
const workers = new WeakMap<TrainableModel, InferenceWorker>();

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
export async function predictAsync(model: TrainableModel, input: Tensor | NestedArray, options: BatchOptions = {}): Promise<Tensor> {
  const x = toTensorArg(input, WHO, 'x');
  const batchSize = preparePredict(model, x, options, WHO);
  const settings = kernelSettings();
  let worker = workers.get(model);
  if (!worker) workers.set(model, (worker = new InferenceWorker()));
  return worker.predict(model, x, batchSize, settings);
}
