import seedrandom from 'seedrandom';

/** The full state of an Alea generator. */
export interface RngState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** A uniform [0, 1) generator whose state can be read and set, so a kernel can draw on its behalf. */
export interface AleaRng {
  (): number;
  /** A copy of the current state. */
  state(): RngState;
  /** Continues from `state` (the state a kernel returns after drawing). */
  setState(state: RngState): void;
}

/**
 * Alea (Baagoe), step for step seedrandom's `alea` (same seeding, same numbers; tested against it),
 * with its state settable. A kernel repeats `next` exactly in float64: t < 2091640, so `t | 0` is
 * the floor that wasm's i32.trunc_f64_s computes.
 */
export function aleaFromState(initial: RngState): AleaRng {
  let { c, s0, s1, s2 } = initial;
  const next = (() => {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10; // 2^-32
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    return s2;
  }) as AleaRng;
  next.state = () => ({ c, s0, s1, s2 });
  next.setState = (s: RngState) => {
    ({ c, s0, s1, s2 } = s);
  };
  return next;
}

/** Alea seeded from a string as seedrandom seeds it. */
export function aleaFromSeed(seed: string): AleaRng {
  const seeded = seedrandom.alea(seed, { state: true }) as unknown as { state(): RngState };
  return aleaFromState(seeded.state());
}
