import type { Tensor } from '../tensor/tensor';
import { isGradEnabled } from './grad_mode';

/**
 * Attaches an op's backward function to its output when grad mode is on and any input
 * requires a gradient; otherwise the output stays a plain tensor and nothing is kept alive.
 */
export function record(
  out: Tensor,
  op: string,
  inputs: readonly Tensor[],
  backward: (dy: Tensor) => readonly (Tensor | null)[],
): Tensor {
  if (!isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return out;
  out.requiresGrad = true;
  out.node = { op, inputs, backward };
  return out;
}
