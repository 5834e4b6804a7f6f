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

// Alea is a lag-3 multiply-with-carry generator in disguise: with S = s * 2^32 (an integer: seeding
// and every step keep s a multiple of 2^-32, and t = a s0 + c 2^-32 is exact in float64), a step
// is T = a S0 + c, new S = T mod b, new c = floor(T / b), b = 2^32. The number
// U = a (S0 + S1 b + S2 b^2) + c then satisfies U' = b^-1 U (mod m), m = a b^3 - 1, so n steps are
// one modular power, and b^-1 = a b^2 (mod m) since a b^3 = m + 1.
const A = 2091639n;
const B = 1n << 32n;
const M = A * B ** 3n - 1n;
const STEP = A * B * B;
const TWO_32 = 4294967296;

function modPow(base: bigint, exponent: number, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function toMwc(s: RngState): bigint {
  const digit = (v: number) => BigInt(v * TWO_32);
  return A * (digit(s.s0) + digit(s.s1) * B + digit(s.s2) * B * B) + BigInt(s.c);
}

function fromMwc(u: bigint): RngState {
  const q = u / A;
  const digit = (k: bigint) => Number((q / k) % B) / TWO_32;
  return { c: Number(u % A), s0: digit(1n), s1: digit(B), s2: digit(B * B) };
}

/**
 * Whether `state` is one the generator reaches from a seed (each s a multiple of 2^-32 in [0, 1),
 * c an integer carry below 2091639): the states `aleaJump` applies to. Any other state (from a
 * hand-edited checkpoint, say) still draws, one number after another.
 */
export function isAleaMwcState(state: RngState): boolean {
  const digit = (v: number) => v >= 0 && v < 1 && Number.isInteger(v * TWO_32);
  return Number.isInteger(state.c) && state.c >= 0 && state.c < 2091639 && digit(state.s0) && digit(state.s1) && digit(state.s2);
}

/** What `jump` returns: the state `steps` draws after a given one, for any number of draws. */
export interface AleaJump {
  (state: RngState): RngState;
}

/**
 * A function from a state to the state `steps` draws later (the generator's state after drawing
 * `steps` numbers), in a few big-integer products instead of `steps` draws: it lets a kernel
 * start several stretches of one sequence at once.
 */
export function aleaJump(steps: number): AleaJump {
  if (!Number.isSafeInteger(steps) || steps < 0) throw new RangeError(`aleaJump: steps must be a non-negative safe integer, got ${steps}`);
  const factor = modPow(STEP, steps, M);
  return (state) => {
    if (!isAleaMwcState(state)) throw new RangeError('aleaJump: the state is not one a seeded Alea reaches');
    return fromMwc((toMwc(state) * factor) % M);
  };
}
