import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import { ShapeError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';
import { slice } from './slice';

/**
 * Zero padding: `paddings[i]` = [before, after] zeros on axis i (TensorFlow's pad, constant 0).
 * x is placed in zeros by the slice gradient kernel, and the gradient is the slice back out.
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[]): Tensor {
  if (paddings.length !== x.rank || paddings.some((p) => p.length !== 2 || !p.every((v) => Number.isInteger(v) && v >= 0))) {
    throw new ShapeError(`pad: paddings ${JSON.stringify(paddings)} must be one [before, after] pair of non-negative integers per axis of shape ${fmtShape(x.shape)}`);
  }
  const begin = paddings.map((p) => p[0]);
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const values = getBackend().sliceGrad(x.f32, x.shape, shape, begin);
  return record(new Tensor(values, shape, 'float32'), 'pad', [x], (dy) => [slice(dy, begin, x.shape)]);
}
