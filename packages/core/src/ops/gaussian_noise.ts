import { ValueError } from '../errors';
import { getBackend } from '../backends/registry';
import { makeRng, type Rng } from '../random';
import type { Tensor } from '../tensor/tensor';
import { add } from './arithmetic';
import { kernelGenerator } from './dropout';
import { float } from './util';

/**
 * x plus zero-mean normal noise of standard deviation `stddev` (Keras's GaussianNoise in training).
 * The noise is a constant: the gradient is the identity. Drawn by the normalNoise kernel from `rng`,
 * whose state moves on (a seed makes it reproducible, as dropout's).
 */
export function gaussianNoise(x: Tensor, stddev: number, options: { seed?: number | string; rng?: Rng } = {}): Tensor {
  if (!(stddev >= 0 && stddev < Infinity)) throw new ValueError(`gaussianNoise: stddev must be >= 0 and finite, got ${stddev}`);
  if (stddev === 0) return x;
  const gen = kernelGenerator(options.rng ?? makeRng(options.seed));
  const { noise, state } = getBackend().normalNoise(x.size, stddev, gen.state());
  gen.setState(state);
  return add(x, float(noise, x.shape));
}
