import { DTypeError, ShapeError } from '../errors';
import { fmtShape, shapesEqual } from '../util/shape';
import { getBackend } from '../backends/registry';
import { Tensor, type TypedArray } from './tensor';

let nextId = 0;

/**
 * A copy of the initial values, in the active backend's own memory when it offers it (the wasm
 * heap: kernels then read the weights in place instead of copying them in at every call).
 */
function storageFor(initial: Tensor): TypedArray {
  const own = initial.dtype === 'float32' ? getBackend().allocPersistent?.(initial.size) : null;
  if (!own) return initial.values.slice();
  own.set(initial.values);
  return own;
}

/**
 * A mutable parameter: a leaf tensor that requires a gradient (when trainable) and whose
 * values are updated in place by `assign`, so the model keeps pointing at the same object.
 */
export class Variable extends Tensor {
  readonly name: string;
  trainable: boolean;
  /**
   * Applied by the optimizer after each update (Keras's variable.constraint): the projected
   * values replace the updated ones. Set by the layer that owns the weight; null for none.
   */
  constraint: ((w: Tensor) => Tensor) | null = null;
  private writes = 0;

  constructor(initial: Tensor, options: { name?: string; trainable?: boolean } = {}) {
    super(storageFor(initial), initial.shape, initial.dtype);
    this.name = options.name ?? `variable_${nextId++}`;
    this.trainable = options.trainable ?? true;
    this.requiresGrad = this.trainable;
  }

  /** Overwrites the values in place; the shape must match. */
  assign(value: Tensor | Float32Array): void {
    if (value instanceof Tensor) {
      if (!shapesEqual(value.shape, this.shape)) {
        throw new ShapeError(`assign: variable '${this.name}' has shape ${fmtShape(this.shape)}, got a value of shape ${fmtShape(value.shape)}`);
      }
      this.values.set(value.values);
    } else {
      if (value.length !== this.size) {
        throw new ShapeError(`assign: variable '${this.name}' has ${this.size} values, got ${value.length}`);
      }
      this.values.set(value);
    }
    this.writes++;
  }

  /**
   * Counts the in-place writes made through Strata (`assign`, optimizer updates, moving
   * statistics), as PyTorch's tensor version counter: a copy of the values taken at one version
   * (predictAsync's worker holds one) is current while the version is unchanged.
   */
  get version(): number {
    return this.writes;
  }

  /** Records an in-place write made on `values` directly (call it after writing them). */
  markChanged(): void {
    this.writes++;
  }

  setTrainable(trainable: boolean): void {
    this.trainable = trainable;
    this.requiresGrad = trainable;
  }
}

/** A trainable parameter initialised from `initial` (copied). */
export function variable(initial: Tensor, options: { name?: string; trainable?: boolean } = {}): Variable {
  if (initial.dtype !== 'float32') throw new DTypeError(`variable: '${options.name ?? 'variable'}' must be float32, got ${initial.dtype}`);
  return new Variable(initial, options);
}
