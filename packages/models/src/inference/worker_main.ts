// The inference worker: rebuilds a Sequential from the snapshots it is sent and runs `predict`
// on it, one request at a time (messages queue, so concurrent calls run in order).
import { parentPort } from 'node:worker_threads';
import { getBackend, getNumThreads, getWasmKernelVariant, setBackend, setNumThreads, setWasmKernelVariant, StrataError, tensor } from '@strata/core';
import { Sequential } from '../sequential/sequential';
import { serializeError, transferable, type KernelSettings, type ModelSnapshot, type PredictReply, type PredictRequest } from './protocol';

let model: Sequential | null = null;
/** Why the last snapshot could not be rebuilt; requests that rely on it fail the same way. */
let rebuildError: unknown = null;

function rebuild(snapshot: ModelSnapshot): Sequential {
  let m: Sequential;
  try {
    m = Sequential.fromJSON(snapshot.topology);
  } catch (e) {
    // A layer class registered with registerLayer in the calling thread is unknown here.
    if (e instanceof Error) e.message = `predictAsync: the inference worker cannot rebuild the model (only built-in layers can run there): ${e.message}`;
    throw e;
  }
  m.setWeights(snapshot.weights.map((w) => tensor(w.values, w.shape)));
  return m;
}

function applySettings(s: KernelSettings): void {
  if (getBackend().name !== s.backend) setBackend(s.backend);
  if (s.backend !== 'wasm') return;
  if (s.threads !== undefined && getNumThreads() !== s.threads) setNumThreads(s.threads);
  if (s.variant !== undefined && getWasmKernelVariant() !== s.variant) setWasmKernelVariant(s.variant);
}

function handle(req: PredictRequest): PredictReply {
  try {
    applySettings(req.settings);
    if (req.model) {
      model = null;
      rebuildError = null;
      try {
        model = rebuild(req.model);
      } catch (e) {
        rebuildError = e;
      }
    }
    if (!model) throw rebuildError ?? new StrataError('predictAsync: the inference worker has no model');
    const out = model.predict(tensor(req.x, req.shape), { batchSize: req.batchSize });
    return { id: req.id, values: transferable(out.f32), shape: [...out.shape] };
  } catch (e) {
    return { id: req.id, error: serializeError(e) };
  }
}

const port = parentPort;
if (!port) throw new Error('predictAsync worker: started outside a worker thread');
port.on('message', (req: PredictRequest) => {
  const reply = handle(req);
  port.postMessage(reply, 'values' in reply ? [reply.values.buffer] : []);
});
