import { aleaFromState, type RngState } from '../../alea';
import type { DropoutMaskResult } from '../backend';

/** Backend.dropoutMask: the draws of the JS Alea, in order. */
export function dropoutMask(size: number, keep: number, scale: number, state: RngState): DropoutMaskResult {
  const rng = aleaFromState(state);
  const mask = new Float32Array(size);
  for (let i = 0; i < size; i++) mask[i] = rng() < keep ? scale : 0;
  return { mask, state: rng.state() };
}
