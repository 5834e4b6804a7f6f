import { ValueError } from '../errors';
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

/** Inverted-dropout mask: 0 with probability `rate`, else 1 / (1 - rate). */
export function dropoutMask(shape: readonly number[], rate: number, rng: Rng): Tensor {
  const keep = 1 - rate;
  const scale = 1 / keep;
  const m = new Float32Array(sizeOf(shape));
  for (let i = 0; i < m.length; i++) m[i] = rng() < keep ? scale : 0;
  return float(m, shape);
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
