import type { Backend } from './backend';
import { getBackend, registerBackend, setBackend } from './registry';

/** Members of a backend that are bookkeeping, not kernels: passed through untimed. */
const UNTIMED = new Set(['name', 'enterScope', 'exitScope']);

export type KernelProfile = Record<string, { calls: number; ms: number }>;

/**
 * Runs `fn` with every kernel call of the active backend timed, for the benchmark's
 * "where does a training step spend its time" split. Restores the backend afterwards.
 */
export async function profileKernels<T>(fn: () => T | Promise<T>): Promise<{ result: T; kernels: KernelProfile }> {
  const inner = getBackend();
  const kernels: KernelProfile = {};
  const wrapped = { name: inner.name } as Record<string, unknown>;
  // Every kernel the backend has (a list would miss the next one added).
  for (const [key, member] of Object.entries(inner)) {
    if (UNTIMED.has(key) || typeof member !== 'function') continue;
    wrapped[key] = (...args: unknown[]) => {
      const start = performance.now();
      try {
        return (member as (...a: unknown[]) => unknown).apply(inner, args);
      } finally {
        const entry = (kernels[key] ??= { calls: 0, ms: 0 });
        entry.calls++;
        entry.ms += performance.now() - start;
      }
    };
  }
  // Scopes are bookkeeping, not kernels: passed through untimed, so a profiled step runs as an unprofiled one.
  if (inner.enterScope && inner.exitScope) {
    wrapped.enterScope = inner.enterScope.bind(inner);
    wrapped.exitScope = inner.exitScope.bind(inner);
  }
  const profiledName = `profiled-${inner.name}`;
  registerBackend(profiledName, () => wrapped as unknown as Backend);
  setBackend(profiledName);
  try {
    return { result: await fn(), kernels };
  } finally {
    setBackend(inner.name);
  }
}
