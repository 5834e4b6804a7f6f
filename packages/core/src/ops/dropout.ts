import { ValueError } from '../errors';
import { aleaFromSeed, type AleaRng } from '../alea';
import { getBackend } from '../backends/registry';
import { makeRng, type Rng } from '../random';
import type { Tensor } from '../tensor/tensor';
import { broadcastShapes, fmtShape, sizeOf } from '../util/shape';
import { mul } from './arithmetic';
import { float } from './util';

export interface DropoutOptions {
  /** Shape of the mask, broadcast against x (e.g. [batch, 1, 1, channels] drops whole maps). */
  noiseShape?: readonly number[];
  seed?: number | string;
  rng?: Rng;
}

const isAlea = (rng: Rng): rng is AleaRng => typeof (rng as Partial<AleaRng>).setState === 'function';

/**
 * The generator a random kernel draws from on `rng`'s behalf: `rng` itself when it is an Alea
 * (the kernel hands its state back), else an Alea seeded with one draw of `rng`.
 */
export function kernelGenerator(rng: Rng): AleaRng {
  return isAlea(rng) ? rng : aleaFromSeed(String(Math.floor(rng() * 0x100000000)));
}

/**
 * Inverted-dropout mask: 0 with probability `rate`, else 1 / (1 - rate). The kernel draws on the
 * generator's behalf (see kernelGenerator).
 */
export function dropoutMask(shape: readonly number[], rate: number, rng: Rng): Tensor {
  const keep = 1 - rate;
  const gen = kernelGenerator(rng);
  const { mask, state } = getBackend().dropoutMask(sizeOf(shape), keep, 1 / keep, gen.state());
  gen.setState(state);
  return float(mask, shape);
}

/** Zeroes entries with probability `rate` and scales the rest by 1/(1-rate), keeping the mean. */
export function dropout(x: Tensor, rate: number, options: DropoutOptions = {}): Tensor {
  if (!(rate >= 0 && rate < 1)) throw new ValueError(`dropout: rate must be in [0, 1), got ${rate}`);
  if (rate === 0) return x;
  const noiseShape = options.noiseShape ?? x.shape;
  const full = broadcastShapes(x.shape, noiseShape, 'dropout');
  if (full.length !== x.rank || full.some((d, i) => d !== x.shape[i])) {
    throw new ValueError(`dropout: noiseShape ${fmtShape(noiseShape)} must broadcast to the input shape ${fmtShape(x.shape)}`);
  }
  return mul(x, dropoutMask(noiseShape, rate, options.rng ?? makeRng(options.seed)));
}
