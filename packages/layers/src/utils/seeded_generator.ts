import { fmtValue, makeStatefulRng, ValueError, type StatefulRng } from '@strata/core';

/**
 * The generator of a layer that draws random numbers in training (Dropout, SpatialDropout2D,
 * GaussianNoise): the seed checked (an integer, or undefined to derive one from the global
 * generator), then its stateful Alea.
 */
export function seededGenerator(seed: unknown, who: string): { seed: number | undefined; rng: StatefulRng } {
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new ValueError(`${who}: seed must be an integer, got ${fmtValue(seed)}`);
  return { seed: seed as number | undefined, rng: makeStatefulRng(seed as number | undefined) };
}
