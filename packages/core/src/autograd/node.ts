import type { Tensor } from '../tensor/tensor';

/**
 * One recorded op: its inputs and a function from the output's gradient to each input's
 * gradient (null where an input needs none). Defined beside the op's forward code.
 */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly backward: (dy: Tensor) => readonly (Tensor | null)[];
}
