import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BackendError } from '../../errors';
import * as C from './control';
import { CONTROL_OFFSET } from './heap';
import { J_COUNTER } from './job_layout';
import type { WasmMemory, WasmModule } from './wasm_api';
import { workerSource } from './worker_source';

/** Worker start-up (30-50 ms each, more on a loaded machine) must finish within this. */
const START_TIMEOUT_MS = 20000;
/**
 * A job that makes no progress (no task claimed, no worker finished) for this long has lost a
 * worker (killed outside JS, or never woken): fail instead of hanging. Tasks take milliseconds.
 */
const STALL_TIMEOUT_MS = 20000;

type RunFn = (op: number, job: number, tid: number) => void;

/**
 * Persistent worker threads sharing the kernel memory. `run` executes one job on the main thread
 * (tid 0) and on `threads - 1` workers (tids 1..), which claim tasks from the job's atomic counter,
 * and returns when all are done. Started lazily on the first parallel job; workers are unref()'d.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly ctl: Int32Array;
  private broken: string | null = null;

  constructor(
    private readonly memory: WasmMemory,
    private readonly modules: WasmModule[],
  ) {
    this.ctl = new Int32Array(memory.buffer, CONTROL_OFFSET, C.C_WORDS);
  }

  /** Runs `op` on the main thread and `threads - 1` workers; throws BackendError if any failed. */
  run(mainRun: RunFn, variant: number, op: number, job: number, threads: number): void {
    const workers = Math.min(threads, C.C_MAX_WORKERS + 1) - 1;
    if (workers <= 0) {
      try {
        mainRun(op, job, 0);
      } catch (e) {
        throw mainFailure(e);
      }
      return;
    }
    this.ensure(workers);
    const ctl = this.ctl;
    ctl[C.C_OP] = op;
    ctl[C.C_JOB] = job;
    ctl[C.C_VARIANT] = variant;
    ctl[C.C_PARTICIPANTS] = workers;
    ctl[C.C_ERROR] = 0;
    Atomics.store(ctl, C.C_DONE, 0);
    Atomics.add(ctl, C.C_GENERATION, 1);
    Atomics.notify(ctl, C.C_GENERATION);
    let mainError: unknown = null;
    try {
      mainRun(op, job, 0);
    } catch (e) {
      mainError = e;
    }
    this.waitDone(workers, job);
    if (mainError) throw mainFailure(mainError);
    if (ctl[C.C_ERROR] !== 0) throw new BackendError(`wasm backend: ${this.errorMessage()}`);
  }

  /** Number of started workers. */
  get size(): number {
    return this.workers.length;
  }

  private ensure(count: number): void {
    if (this.broken) throw new BackendError(`wasm backend: the worker pool is unusable: ${this.broken}`);
    if (this.workers.length >= count) return;
    const first = this.workers.length;
    const ready = Atomics.load(this.ctl, C.C_READY);
    for (let index = first; index < count; index++) {
      const worker = new Worker(workerSource, {
        eval: true,
        // The source is CommonJS: a parent started with --input-type=module would make it ESM.
        execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')),
        workerData: { memory: this.memory, modules: this.modules, index, control: CONTROL_OFFSET },
      });
      worker.on('error', (e) => {
        this.broken = `worker ${index + 1}: ${e.message}`;
      });
      worker.on('exit', (code) => {
        this.broken = `worker ${index + 1} exited with code ${code}`;
      });
      worker.unref();
      this.workers.push(worker);
    }
    // Synchronous start: wait until every new worker has instantiated the modules.
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const now = Atomics.load(this.ctl, C.C_READY);
      if (now - ready >= count - first) break;
      if (Date.now() > deadline) {
        this.broken = 'workers did not start';
        throw new BackendError(`wasm backend: ${count - first} worker(s) did not start within ${START_TIMEOUT_MS} ms`);
      }
      Atomics.wait(this.ctl, C.C_READY, now, 50);
    }
    if (this.ctl[C.C_ERROR] !== 0) {
      this.broken = this.errorMessage();
      throw new BackendError(`wasm backend: ${this.broken}`);
    }
  }

  /** The failure a worker recorded in the control block. */
  private errorMessage(): string {
    const bytes = new Uint8Array(this.memory.buffer, CONTROL_OFFSET + C.C_MESSAGE_BYTE, this.ctl[C.C_ERROR_LENGTH]);
    return `worker ${this.ctl[C.C_ERROR]} failed: ${Buffer.from(bytes).toString('utf8')}`;
  }

  private waitDone(workers: number, job: number): void {
    const ctl = this.ctl;
    const counter = new Uint32Array(this.memory.buffer, job + J_COUNTER * 4, 1);
    let last = [-1, -1];
    let lastChange = Date.now();
    for (let spin = 0; spin < C.C_SPIN_ITERATIONS; spin++) if (Atomics.load(ctl, C.C_DONE) >= workers) return;
    for (;;) {
      const done = Atomics.load(ctl, C.C_DONE);
      if (done >= workers) return;
      Atomics.wait(ctl, C.C_DONE, done, 100);
      const now = [Atomics.load(ctl, C.C_DONE), Atomics.load(counter, 0)];
      if (now[0] !== last[0] || now[1] !== last[1]) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > STALL_TIMEOUT_MS) {
        this.broken = `a job stalled with ${workers - now[0]} worker(s) unfinished`;
        throw new BackendError(`wasm backend: ${this.broken} for ${STALL_TIMEOUT_MS} ms; a worker died?`);
      }
    }
  }
}

/** A trap in the main thread's kernel (a bug: kernels check nothing at run time) as a BackendError. */
function mainFailure(e: unknown): BackendError {
  return new BackendError(`wasm backend: kernel failed on the main thread: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
}

/** Default thread count: every core the OS gives this process. */
export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism());
}
