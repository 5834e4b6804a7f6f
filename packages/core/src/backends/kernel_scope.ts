import { Tensor } from '../tensor/tensor';
import { Variable } from '../tensor/variable';
import { getBackend } from './registry';

/** A copy of `t` in ordinary memory when its values are a scope's view (a variable's storage outlives scopes). */
function detach(t: Tensor): Tensor {
  return t.values.buffer instanceof SharedArrayBuffer && !(t instanceof Variable) ? new Tensor(t.values.slice(), t.shape, t.dtype) : t;
}

/**
 * Runs `fn` as one unit of work (a training step, a predict slice) whose intermediate kernel
 * results may stay in the backend's memory instead of being copied out into fresh arrays; that
 * memory is reused once `fn` returns. A Tensor, or an array of Tensors, that `fn` returns is copied
 * out first. Anything else created inside must not be kept: library code only (users never
 * dispose anything, and never need this).
 */
export function kernelScope<T>(fn: () => T): T {
  const backend = getBackend();
  if (!backend.enterScope || !backend.exitScope) return fn();
  backend.enterScope();
  try {
    const result = fn();
    if (result instanceof Tensor) return detach(result) as T;
    if (Array.isArray(result)) return result.map((r) => (r instanceof Tensor ? detach(r) : r)) as T;
    return result;
  } finally {
    backend.exitScope();
  }
}
