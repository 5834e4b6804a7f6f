import { aleaFromState, type RngState } from '../../alea';
import { normalSampler } from '../../random';
import type { NormalNoiseResult } from '../backend';

/** Backend.normalNoise: the normal initializers' sampler over the JS Alea, in order. */
export function normalNoise(size: number, stddev: number, state: RngState): NormalNoiseResult {
  const rng = aleaFromState(state);
  const normal = normalSampler(rng);
  const noise = new Float32Array(size);
  for (let i = 0; i < size; i++) noise[i] = stddev * normal();
  return { noise, state: rng.state() };
}
