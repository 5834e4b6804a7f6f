import { ValueError } from '../errors';
import { runBackward } from '../autograd/backward';
import type { GradNode } from '../autograd/node';
import { formatTensor } from './format';

export type DType = 'float32' | 'int32';
export type TypedArray = Float32Array | Int32Array;
export type NestedArray = number | NestedArray[];

/**
 * An n-dimensional array, row-major, with an immutable shape. Tensors are ordinary objects:
 * the garbage collector frees them, there is nothing to dispose.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  /**
   * The backing store, shared with views such as `reshape`. Read it freely; mutate it never
   * (use `Variable.assign`). `dataSync()` returns a copy.
   */
  readonly values: TypedArray;
  /** Whether ops applied to this tensor are recorded for `backward()`. */
  requiresGrad = false;
  /** The accumulated gradient of a leaf after `backward()`. */
  grad: Tensor | null = null;
  /** @internal The op that produced this tensor, while the graph is alive. */
  node: GradNode | null = null;

  constructor(values: TypedArray, shape: readonly number[], dtype: DType) {
    this.values = values;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = values.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** A leaf was created by the user (not by an op), and receives `.grad`. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /** A copy of the data as a typed array. */
  dataSync(): TypedArray {
    return this.values.slice();
  }

  /** The data as nested arrays (a number for a scalar). */
  toArray(): NestedArray {
    const v = this.values;
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return v[offset];
      const stride = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new ValueError(`item: tensor of shape [${this.shape.join(', ')}] has ${this.size} values, expected 1`);
    return this.values[0];
  }

  /** A float32 view of the data (the same array for float32 tensors). */
  get f32(): Float32Array {
    return this.values instanceof Float32Array ? this.values : Float32Array.from(this.values);
  }

  /**
   * Reverse-mode differentiation: fills `.grad` of every leaf that requires a gradient.
   * A non-scalar tensor needs the upstream gradient `grad` of its own shape.
   * The graph is released afterwards.
   */
  backward(grad?: Tensor): void {
    runBackward(this, grad);
  }

  /** Clears `.grad`. */
  zeroGrad(): void {
    this.grad = null;
  }

  /** The same values, cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.values, this.shape, this.dtype);
  }

  toString(): string {
    return formatTensor(this);
  }
}
