import type { RngState } from '@strata/core';
import type { Layer } from './layer';

/** A layer that draws random numbers in training (Dropout, the random image layers) and can hand over its generator's position. */
export interface RngStateful {
  getRngState(): RngState;
  setRngState(state: RngState): void;
}

/** Whether `layer` has a generator whose state a checkpoint saves, so a resumed run draws what the uninterrupted one would have. */
export function hasRngState(layer: Layer): layer is Layer & RngStateful {
  const l = layer as Partial<RngStateful>;
  return typeof l.getRngState === 'function' && typeof l.setRngState === 'function';
}
