import seedrandom from 'seedrandom';

/** A source of uniform floats in [0, 1). Every random draw in Strata goes through one. */
export type Rng = () => number;

let globalRng: Rng = seedrandom();

/**
 * Seeds the global generator. Every later draw that is not given its own seed (initializers,
 * dropout, shuffling) derives from it, so a script that calls `setSeed` first is reproducible.
 */
export function setSeed(seed: number | string): void {
  globalRng = seedrandom(String(seed));
}

/** A generator from an explicit seed, or one derived from the global generator. */
export function makeRng(seed?: number | string): Rng {
  if (seed !== undefined) return seedrandom(String(seed));
  return seedrandom(String(Math.floor(globalRng() * 0x100000000)) + ':' + String(Math.floor(globalRng() * 0x100000000)));
}

/** Standard normal draws by the Box-Muller transform. */
export function normalSampler(rng: Rng): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = rng();
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
