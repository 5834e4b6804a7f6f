import { aleaFromSeed, aleaFromState, type RngState } from './alea';
import { ValueError } from './errors';
import { deriveSeed, type Rng } from './random';

export type { RngState } from './alea';

/** A generator whose position can be saved and restored, so a resumed run draws what the original would have. */
export interface StatefulRng extends Rng {
  /** A copy of the current state; `restoreRng(state)` continues from exactly here. */
  state(): RngState;
}

/**
 * A stateful generator. With a seed it draws exactly what `makeRng(seed)` draws; without one its
 * seed is derived from the global generator (so `setSeed` still makes it reproducible).
 */
export function makeStatefulRng(seed?: number | string): StatefulRng {
  const derived = seed !== undefined ? String(seed) : deriveSeed();
  return aleaFromSeed(derived);
}

/**
 * Largest carry an Alea state can hold: a step's t = 2091639 s0 + c 2^-32 stays below 2091640, so
 * its floor (the next carry) is at most 2091639. A larger carry is no state Alea reaches; it would
 * overflow the wasm kernels' 32-bit truncation (a trap) where JavaScript's `t | 0` wraps.
 */
const MAX_CARRY = 2091639;

/** A generator continuing from a saved `state()`; a malformed or unreachable state is a ValueError. */
export function restoreRng(state: RngState, who = 'restoreRng'): StatefulRng {
  const ok = state !== null && typeof state === 'object'
    && Number.isInteger(state.c) && state.c >= 0 && state.c <= MAX_CARRY
    && [state.s0, state.s1, state.s2].every((s) => typeof s === 'number' && s >= 0 && s < 1);
  if (!ok) {
    throw new ValueError(`${who}: expected a generator state { c (an integer in [0, ${MAX_CARRY}]), s0, s1, s2 (in [0, 1)) }, got ${JSON.stringify(state)?.slice(0, 80)}`);
  }
  return aleaFromState({ c: state.c, s0: state.s0, s1: state.s1, s2: state.s2 });
}
