import { getBackend } from '../backends/registry';
import { record } from '../autograd/record';
import { ValueError } from '../errors';
import { Tensor } from '../tensor/tensor';
import { fmtShape } from '../util/shape';

/** Permutes axes; without `perm`, reverses them. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ? [...perm] : x.shape.map((_, i) => x.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== x.rank || sorted.some((v, i) => v !== i)) {
    throw new ValueError(`transpose: perm ${fmtShape(p)} is not a permutation of the ${x.rank} axes of shape ${fmtShape(x.shape)}`);
  }
  const shape = p.map((a) => x.shape[a]);
  const moved = getBackend().transpose(x.f32, x.shape, p);
  const values = x.dtype === 'int32' ? Int32Array.from(moved) : moved;
  const inverse = new Array<number>(p.length);
  p.forEach((a, i) => (inverse[a] = i));
  return record(new Tensor(values, shape, x.dtype), 'transpose', [x], (dy) => [transpose(dy, inverse)]);
}
