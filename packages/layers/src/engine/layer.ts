import { checkOptions, fmtShape, fmtValue, optionKeys, ShapeError, tensor, toSnakeCase, ValueError, variable, type Tensor, type Variable } from '@strata/core';
import { getInitializer, type InitializerIdentifier } from '../initializers';
import { checkBoolean } from '../utils/args';
import type { L1L2 } from '../regularizers';
import type { Constraint } from '../constraints';
import { assertInputSpec, type InputSpec } from './input_spec';
import { uniqueName } from './names';
import type { LayerShape } from './shape';

/** Arguments every layer accepts (camelCase, as TensorFlow.js). */
export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  /** Input shape without the batch dimension; only meaningful on a model's first layer. */
  inputShape?: readonly (number | null)[];
  /** Input shape with the batch dimension (null for any batch size). */
  batchInputShape?: readonly (number | null)[];
  batchSize?: number;
  dtype?: 'float32';
}

/** The option names every layer accepts; a layer's own list extends this one. */
export const LAYER_KEYS = optionKeys<LayerArgs>()({ name: true, trainable: true, inputShape: true, batchInputShape: true, batchSize: true, dtype: true });

export interface CallArgs {
  /** Training mode: dropout drops, batch normalisation uses (and updates) batch statistics. */
  training?: boolean;
}

interface WeightEntry {
  variable: Variable;
  trainable: boolean;
  regularizer: L1L2 | null;
}

/** A weight `build` would create: its full name (`layer/kernel`), shape and trainability. */
export interface PlannedWeight {
  name: string;
  shape: number[];
  trainable: boolean;
}

/**
 * The layer base, shaped like Keras's: config in the constructor, `build` creates the weights
 * from the input shape, `call` computes, `computeOutputShape`, `getConfig`.
 */
export abstract class Layer {
  readonly className: string;
  readonly name: string;
  readonly batchInputShape: LayerShape | null;
  built = false;
  /** The input shape `ensureBuilt` built the layer for. */
  private builtInputShape: LayerShape | null = null;
  protected inputSpec: InputSpec | null = null;
  private readonly entries: WeightEntry[] = [];
  /** Set while plannedWeights runs build: addWeight records instead of allocating. */
  private planning: PlannedWeight[] | null = null;
  private layerTrainable: boolean;

  /**
   * `validKeys` lists every option the subclass accepts (LAYER_KEYS plus its own): any other
   * key is a ValueError naming the class and the key meant, as Keras's "Unrecognized keyword
   * arguments". A custom layer passes its own list.
   */
  constructor(args: LayerArgs, className: string, validKeys: readonly string[] = LAYER_KEYS) {
    checkOptions(args, validKeys, className);
    this.className = className;
    if (args.name !== undefined && (typeof args.name !== 'string' || args.name === '')) {
      throw new ValueError(`${className}: name must be a non-empty string, got ${fmtValue(args.name)}`);
    }
    this.name = args.name ?? uniqueName(toSnakeCase(className));
    this.layerTrainable = checkBoolean(args.trainable, this.describe(), 'trainable', true);
    if (args.dtype !== undefined && args.dtype !== 'float32') {
      throw new ValueError(`${this.describe()}: dtype must be 'float32', got '${args.dtype}'`);
    }
    const shape = args.batchInputShape ?? (args.inputShape ? [args.batchSize ?? null, ...args.inputShape] : null);
    if (shape) {
      const batch = shape[0];
      if (batch !== null && batch !== undefined && !(Number.isInteger(batch) && (batch as number) > 0)) {
        throw new ValueError(`${this.describe()}: the batch size of batchInputShape must be null or a positive integer, got ${fmtValue(batch)}`);
      }
      for (const d of shape.slice(1)) {
        if (d !== null && (!Number.isInteger(d) || d <= 0)) {
          throw new ValueError(`${this.describe()}: inputShape must hold positive integers, got ${fmtShape(shape.slice(1))}`);
        }
      }
    }
    this.batchInputShape = shape ? [...shape] : null;
  }

  /** `Dense 'dense_1'`: how messages name this layer. */
  describe(): string {
    return `${this.className} '${this.name}'`;
  }

  get trainable(): boolean {
    return this.layerTrainable;
  }

  set trainable(value: boolean) {
    this.layerTrainable = value;
    for (const e of this.entries) e.variable.setTrainable(value && e.trainable);
  }

  /** Creates the layer's weights for an input shape (batch dimension null). */
  build(_inputShape: LayerShape): void {}

  /** The forward computation on an already-checked input. */
  abstract call(x: Tensor, args: CallArgs): Tensor;

  computeOutputShape(inputShape: LayerShape): LayerShape {
    return inputShape;
  }

  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: 'float32' };
    if (this.batchInputShape) config.batchInputShape = [...this.batchInputShape];
    return config;
  }

  /**
   * Builds once for `inputShape`, after checking it against the layer's input spec. If build
   * throws, any weight it created is dropped, so the layer is never half-built.
   */
  ensureBuilt(inputShape: LayerShape): void {
    if (this.built) {
      assertInputSpec(this.inputSpec, inputShape, this.describe());
      return;
    }
    const before = this.entries.length;
    try {
      this.build(inputShape);
    } catch (e) {
      this.entries.length = before;
      this.inputSpec = null;
      throw e;
    }
    this.built = true;
    this.builtInputShape = [...inputShape];
  }

  private unbuilt(what: string): string {
    return `${this.describe()}: ${what} is unknown until the layer is built (add it to a model whose first layer has an inputShape, or call it on a tensor)`;
  }

  /** The input shape the layer was built for (batch dimension null), as Keras's `layer.input_shape`. */
  get inputShape(): LayerShape {
    const shape = this.builtInputShape ?? (this.built ? this.batchInputShape : null);
    if (!shape) throw new ValueError(this.unbuilt('inputShape'));
    return [...shape];
  }

  /** The output shape for the built input shape (batch dimension null). */
  get outputShape(): LayerShape {
    return this.computeOutputShape(this.inputShape);
  }

  /**
   * The weights `build(inputShape)` would create, in `weights` order, without creating or
   * initialising any: a loader checks a file against them before it allocates anything.
   * Throws what build would throw for a bad input shape; the layer stays unbuilt.
   */
  plannedWeights(inputShape: LayerShape): PlannedWeight[] {
    if (this.built) throw new ValueError(`${this.describe()}: plannedWeights is for a layer that is not built yet`);
    const planned: PlannedWeight[] = [];
    this.planning = planned;
    try {
      this.build(inputShape);
    } finally {
      this.planning = null;
      this.inputSpec = null;
    }
    return [...planned.filter((w) => w.trainable), ...planned.filter((w) => !w.trainable)];
  }

  /** Checks the input, builds on first use, and runs `call`. */
  apply(x: Tensor, args: CallArgs = {}): Tensor {
    const shape: LayerShape = [null, ...x.shape.slice(1)];
    if (x.rank === 0) throw new ShapeError(`${this.describe()}: expected a batched input, got a scalar`);
    this.ensureBuilt(shape);
    return this.call(x, args);
  }

  protected addWeight(
    name: string, shape: number[], initializer: InitializerIdentifier,
    options: { trainable?: boolean; regularizer?: L1L2 | null; constraint?: Constraint | null } = {},
  ): Variable {
    const trainable = options.trainable ?? true;
    const init = getInitializer(initializer, `${this.describe()} ${name}Initializer`);
    options.constraint?.checkShape(shape, `${this.describe()} ${name}Constraint`);
    if (this.planning) {
      this.planning.push({ name: `${this.name}/${name}`, shape: [...shape], trainable });
      // Only a plan: build stores this in its fields, and the real build overwrites them.
      return undefined as unknown as Variable;
    }
    const v = variable(init.apply(shape), { name: `${this.name}/${name}`, trainable: trainable && this.layerTrainable });
    const constraint = options.constraint;
    if (constraint) v.constraint = (w) => constraint.apply(w);
    this.entries.push({ variable: v, trainable, regularizer: options.regularizer ?? null });
    return v;
  }

  /** All weights, trainable ones first (Keras order). */
  get weights(): Variable[] {
    return [...this.entries.filter((e) => e.trainable), ...this.entries.filter((e) => !e.trainable)].map((e) => e.variable);
  }

  get trainableWeights(): Variable[] {
    return this.layerTrainable ? this.entries.filter((e) => e.trainable).map((e) => e.variable) : [];
  }

  get nonTrainableWeights(): Variable[] {
    return this.layerTrainable ? this.entries.filter((e) => !e.trainable).map((e) => e.variable) : this.weights;
  }

  /** Copies of the weight values, in `weights` order. */
  getWeights(): Tensor[] {
    return this.weights.map((w) => tensor(w.dataSync(), w.shape));
  }

  /** Sets every weight; all shapes are checked before any is written. */
  setWeights(values: readonly Tensor[]): void {
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new ValueError(`${this.describe()}: setWeights expected ${weights.length} weights (${weights.map((w) => w.name).join(', ')}), got ${values.length}`);
    }
    weights.forEach((w, i) => {
      const got = values[i].shape;
      if (got.length !== w.shape.length || got.some((d, k) => d !== w.shape[k])) {
        throw new ShapeError(`${this.describe()}: weight ${i} ('${w.name}') has shape ${fmtShape(w.shape)}, got ${fmtShape(got)}`);
      }
    });
    weights.forEach((w, i) => w.assign(values[i].f32));
  }

  countParams(): number {
    if (!this.built) throw new ValueError(this.unbuilt('countParams'));
    return this.entries.reduce((n, e) => n + e.variable.size, 0);
  }

  /** Weight penalties to add to the training loss (recorded, so they have gradients). */
  regularizationLosses(): Tensor[] {
    return this.entries.filter((e) => e.regularizer && this.layerTrainable && e.trainable).map((e) => (e.regularizer as L1L2).apply(e.variable));
  }
}
