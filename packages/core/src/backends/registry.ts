import { BackendError, ValueError } from '../errors';
import type { Backend } from './backend';
import { referenceBackend } from './reference';
import { wasmBackend, wasmFeatures } from './wasm';

export type BackendName = 'reference' | 'wasm';

/** The wasm backend needs 128-bit SIMD and threads (shared memory for its worker pool). */
function wasmSupported(): boolean {
  const f = wasmFeatures();
  return f.simd && f.threads;
}

const factories = new Map<string, () => Backend>([
  ['reference', () => referenceBackend],
  ['wasm', () => {
    if (!wasmSupported()) throw new BackendError("setBackend: 'wasm' needs WebAssembly SIMD and threads, which this runtime lacks");
    return wasmBackend;
  }],
]);
let active: Backend | null = null;

/** Makes a backend available to `setBackend` under its name. */
export function registerBackend(name: string, factory: () => Backend): void {
  factories.set(name, factory);
}

/** Selects the backend every later op runs on. */
export function setBackend(name: BackendName | string): void {
  const factory = factories.get(name);
  if (!factory) {
    throw new ValueError(`setBackend: unknown backend '${name}'; available: ${[...factories.keys()].join(', ')}`);
  }
  active = factory();
}

/** 'wasm' when the runtime validates WebAssembly SIMD and threads, else 'reference' (with a notice). */
function defaultBackend(): BackendName {
  if (wasmSupported()) return 'wasm';
  console.warn('Strata: WebAssembly SIMD/threads unavailable in this runtime; using the slower reference backend.');
  return 'reference';
}

/**
 * The active backend. The first call picks the one named by the STRATA_BACKEND environment
 * variable, else the default: 'wasm' where supported, 'reference' otherwise.
 */
export function getBackend(): Backend {
  if (active === null) setBackend(process.env.STRATA_BACKEND || defaultBackend());
  return active as Backend;
}
