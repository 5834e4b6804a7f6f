import { Tensor } from '../tensor/tensor';

/** An op argument: a tensor or a plain number (a float32 scalar). */
export type TensorLike = Tensor | number;

export function asTensor(x: TensorLike): Tensor {
  return x instanceof Tensor ? x : new Tensor(Float32Array.of(x), [], 'float32');
}

/** Wraps a kernel's output as a float32 tensor. */
export function float(values: Float32Array, shape: readonly number[]): Tensor {
  return new Tensor(values, shape, 'float32');
}
