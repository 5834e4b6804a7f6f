import { randomBytes } from 'node:crypto';
import { aleaFromSeed } from './alea';

/** A source of uniform floats in [0, 1). Every random draw in Strata goes through one. */
export type Rng = () => number;

// Alea: seedrandom's fast generator (~5x its default ARC4 here); dropout draws a million
// numbers per training step, so the generator's speed shows in the step time.
const create = (seed: string): Rng => aleaFromSeed(seed);

// Unseeded runs start from an OS-random seed.
let globalRng: Rng = create(randomBytes(8).toString('hex'));

/**
 * Seeds the global generator. Every later draw that is not given its own seed (initializers,
 * dropout, shuffling) derives from it, so a script that calls `setSeed` first is reproducible.
 */
export function setSeed(seed: number | string): void {
  globalRng = create(String(seed));
}

/** A generator from an explicit seed, or one derived from the global generator. */
export function makeRng(seed?: number | string): Rng {
  return create(seed !== undefined ? String(seed) : deriveSeed());
}

/** A fresh seed drawn from the global generator: what unseeded generators start from. */
export function deriveSeed(): string {
  return `${Math.floor(globalRng() * 0x100000000)}:${Math.floor(globalRng() * 0x100000000)}`;
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
