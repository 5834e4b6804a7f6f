import type { Worker } from 'node:worker_threads';
import { BackendError, tensor, type Tensor, type Variable } from '@strata/core';
import type { TrainableModel } from '../sequential/model';
import { reviveError, type KernelSettings, type ModelSnapshot, type PredictReply, type PredictRequest } from './protocol';
import { startInferenceWorker } from './worker_script';

interface Pending {
  resolve: (t: Tensor) => void;
  reject: (e: Error) => void;
}

/** What the worker's copy of the model was made from: the topology and each weight's identity and version. */
interface SyncedState {
  topology: string;
  variables: Variable[];
  versions: number[];
}

/**
 * Stops a worker once its model is garbage: a running thread is never collected by itself.
 * Nothing reachable from a worker refers to its model, so the model can be collected.
 */
const stopWithModel = new FinalizationRegistry<Worker>((worker) => void worker.terminate());

/**
 * A model's inference worker (one per model, started on the first predictAsync). Requests are
 * queued in the worker and answered in order. Each request carries a fresh snapshot of the model
 * when the topology or any weight changed since the last one (training, setWeights, estimated
 * statistics), so a call predicts with the weights as they were when it was made. The worker is
 * ref()'d only while requests are pending: an idle model never keeps the process alive.
 */
export class InferenceWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private synced: SyncedState | null = null;

  predict(model: TrainableModel, x: Tensor, batchSize: number, settings: KernelSettings): Promise<Tensor> {
    const worker = this.ensureWorker(model);
    const id = this.nextId++;
    const xValues = x.f32.slice();
    const snapshot = this.snapshotIfStale(model);
    const request: PredictRequest = { id, settings, x: xValues, shape: [...x.shape], batchSize, ...(snapshot ? { model: snapshot } : {}) };
    const transfer = [xValues.buffer, ...(snapshot ? snapshot.weights.map((w) => w.values.buffer) : [])];
    return new Promise<Tensor>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage(request, transfer);
    });
  }

  private ensureWorker(model: TrainableModel): Worker {
    if (this.worker) return this.worker;
    const worker = startInferenceWorker();
    worker.unref();
    stopWithModel.register(model, worker);
    worker.on('message', (reply: PredictReply) => this.settle(reply));
    worker.on('error', (e) => this.fail(worker, `the inference worker failed: ${e.message}`));
    worker.on('exit', (code) => this.fail(worker, `the inference worker exited with code ${code}`));
    this.worker = worker;
    this.synced = null;
    return worker;
  }

  /** A copy of the topology and weights when the worker's copy is out of date, else null. */
  private snapshotIfStale(model: TrainableModel): ModelSnapshot | null {
    const topology = JSON.stringify(model.toJSON());
    const variables = model.weights;
    const s = this.synced;
    if (s && s.topology === topology && s.variables.length === variables.length && variables.every((v, i) => v === s.variables[i] && v.version === s.versions[i])) {
      return null;
    }
    this.synced = { topology, variables, versions: variables.map((v) => v.version) };
    return { topology, weights: variables.map((v) => ({ shape: [...v.shape], values: v.f32.slice() })) };
  }

  private settle(reply: PredictReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('error' in reply) {
      this.synced = null; // the worker may have dropped its copy (a failed rebuild): resend next time
      p.reject(reviveError(reply.error));
    } else {
      p.resolve(tensor(reply.values, reply.shape));
    }
  }

  /** A dead worker fails every pending request; the next call starts a new one. */
  private fail(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.synced = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new BackendError(`predictAsync: ${message}`));
  }
}
