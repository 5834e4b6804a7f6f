import { ValueError } from '../errors';
import type { Backend } from './backend';
import { referenceBackend } from './reference';

export type BackendName = 'reference' | 'wasm';

const factories = new Map<string, () => Backend>([['reference', () => referenceBackend]]);
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

/**
 * The active backend. The first call picks the one named by the STRATA_BACKEND environment
 * variable, else the default.
 */
export function getBackend(): Backend {
  if (active === null) setBackend(process.env.STRATA_BACKEND || 'reference');
  return active as Backend;
}
