import seedrandom from 'seedrandom';
import { ValueError } from './errors';
import { makeRng, type Rng } from './random';

/** The full state of a generator (seedrandom's ARC4: two indices and the 256-entry permutation). */
export interface RngState {
  i: number;
  j: number;
  S: number[];
}

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
  const derived = seed !== undefined ? String(seed) : derivedSeed();
  return seedrandom(derived, { state: true });
}

/** A generator continuing from a saved `state()`; a malformed state is a ValueError. */
export function restoreRng(state: RngState, who = 'restoreRng'): StatefulRng {
  const ok = state !== null && typeof state === 'object'
    && isByte(state.i) && isByte(state.j)
    && Array.isArray(state.S) && state.S.length === 256 && state.S.every(isByte);
  if (!ok) throw new ValueError(`${who}: expected a generator state { i, j, S: 256 integers in 0..255 }, got ${JSON.stringify(state)?.slice(0, 80)}`);
  return seedrandom('', { state: { i: state.i, j: state.j, S: [...state.S] } });
}

function isByte(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) < 256;
}

function derivedSeed(): string {
  const base = makeRng();
  return `${Math.floor(base() * 0x100000000)}:${Math.floor(base() * 0x100000000)}`;
}
