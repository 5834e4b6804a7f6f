import { BackendError } from '../../errors';
import { KERNELS_RELAXEDSIMD, KERNELS_WASMSIMD } from './generated/kernels_wasm';
import { wasmFeatures } from './features';
import { Heap, JOB_OFFSET } from './heap';
import { J_WORDS } from './job_layout';
import { WorkerPool, defaultThreadCount } from './pool';
import { wasmApi } from './wasm_api';

/** Which compiled kernel module runs: plain SIMD (mul + add) or relaxed SIMD (FMA). */
export type KernelVariant = 'wasmsimd' | 'relaxedsimd';
/** How 3x3 stride-1 convolutions run: chosen by shape ('auto'), or forced for tests and benchmarks. */
export type ConvAlgorithm = 'auto' | 'direct' | 'winograd';
const VARIANT_INDEX: Record<KernelVariant, number> = { wasmsimd: 0, relaxedsimd: 1 };

interface KernelExports {
  run(op: number, job: number, tid: number): void;
}

/**
 * Everything the wasm kernels run on: the shared heap, the compiled modules (compiled once, here,
 * and handed to the workers), the main thread's instances and the worker pool.
 */
export class WasmRuntime {
  readonly heap = new Heap();
  /** Job descriptor words, read by every thread's `run`. */
  readonly job: Uint32Array;
  threads = defaultThreadCount();
  variant: KernelVariant;
  convAlgorithm: ConvAlgorithm = 'auto';
  private readonly instances: KernelExports[];
  private readonly pool: WorkerPool;

  constructor() {
    const features = wasmFeatures();
    if (!features.simd || !features.threads) {
      throw new BackendError('wasm backend: this runtime lacks WebAssembly SIMD or threads (shared memory)');
    }
    const sources = features.relaxedSimd ? [KERNELS_WASMSIMD, KERNELS_RELAXEDSIMD] : [KERNELS_WASMSIMD];
    const api = wasmApi as NonNullable<typeof wasmApi>; // wasmFeatures() found it
    const modules = sources.map((b64) => new api.Module(Buffer.from(b64, 'base64')));
    const env = { env: { memory: this.heap.memory } };
    this.instances = modules.map((m) => new api.Instance(m, env).exports as unknown as KernelExports);
    this.pool = new WorkerPool(this.heap.memory, modules);
    this.job = new Uint32Array(this.heap.memory.buffer, JOB_OFFSET, J_WORDS);
    const forcePlain = process.env.STRATA_WASM_SIMD === 'plain';
    this.variant = features.relaxedSimd && !forcePlain ? 'relaxedsimd' : 'wasmsimd';
  }

  /** For tests: when set, the op number (job_layout's OP_*) of every job run is appended, so a test can tell which path a kernel took. */
  opTrace: number[] | null = null;

  /** Clears the job descriptor before a kernel fills it in. */
  newJob(): Uint32Array {
    this.job.fill(0);
    return this.job;
  }

  /**
   * Runs the job in `this.job` with operation `op`. `parallel` = false keeps small jobs on the
   * main thread, where waking the workers would cost more than the work.
   */
  run(op: number, parallel: boolean): void {
    this.opTrace?.push(op);
    const main = this.instances[VARIANT_INDEX[this.variant]];
    const threads = parallel ? this.threads : 1;
    this.pool.run((o, j, t) => main.run(o, j, t), VARIANT_INDEX[this.variant], op, JOB_OFFSET, threads);
  }

  /** Number of started pool workers (for tests). */
  get workerCount(): number {
    return this.pool.size;
  }
}

let runtime: WasmRuntime | null = null;

/** The process-wide runtime, created on first use. */
export function getRuntime(): WasmRuntime {
  if (!runtime) runtime = new WasmRuntime();
  return runtime;
}
