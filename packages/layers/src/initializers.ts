import { makeRng, Registry, tensor, truncatedNormal, randomNormal, randomUniform, ValueError, type Tensor, fmtValue } from '@strata/core';

export type InitializerIdentifier =
  | 'zeros' | 'ones' | 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'lecunNormal' | 'lecunUniform'
  | 'randomNormal' | 'randomUniform' | 'truncatedNormal'
  | string | Initializer | SerializedConfig;

export interface SerializedConfig {
  className: string;
  config: Record<string, unknown>;
}

/** Fan-in and fan-out as Keras computes them: conv kernels count the receptive field. */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

export abstract class Initializer {
  abstract readonly className: string;
  abstract apply(shape: readonly number[]): Tensor;
  getConfig(): Record<string, unknown> {
    return {};
  }
}

export class Zeros extends Initializer {
  readonly className = 'Zeros';
  apply(shape: readonly number[]): Tensor {
    return tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
  }
}

export class Constant extends Initializer {
  readonly className: string = 'Constant';
  constructor(readonly value = 0) {
    super();
  }
  apply(shape: readonly number[]): Tensor {
    return tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(this.value), shape);
  }
  override getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}

export class Ones extends Constant {
  override readonly className = 'Ones';
  constructor() {
    super(1);
  }
  override getConfig(): Record<string, unknown> {
    return {};
  }
}

/** Base for seeded draws: a given seed reproduces the same values on every call, as Keras 3. */
abstract class Seeded extends Initializer {
  constructor(readonly seed?: number) {
    super();
  }
  /** A fresh generator: the same seed gives the same draw on every call. */
  generator() {
    return makeRng(this.seed);
  }
}

export class RandomNormal extends Seeded {
  readonly className = 'RandomNormal';
  constructor(readonly mean = 0, readonly stddev = 0.05, seed?: number) {
    super(seed);
  }
  apply(shape: readonly number[]): Tensor {
    return randomNormal(shape, { mean: this.mean, stddev: this.stddev, rng: this.generator() });
  }
  override getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

export class RandomUniform extends Seeded {
  readonly className = 'RandomUniform';
  constructor(readonly minval = -0.05, readonly maxval = 0.05, seed?: number) {
    super(seed);
  }
  apply(shape: readonly number[]): Tensor {
    return randomUniform(shape, { minval: this.minval, maxval: this.maxval, rng: this.generator() });
  }
  override getConfig(): Record<string, unknown> {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed ?? null };
  }
}

export class TruncatedNormal extends Seeded {
  readonly className = 'TruncatedNormal';
  constructor(readonly mean = 0, readonly stddev = 0.05, seed?: number) {
    super(seed);
  }
  apply(shape: readonly number[]): Tensor {
    return truncatedNormal(shape, { mean: this.mean, stddev: this.stddev, rng: this.generator() });
  }
  override getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null };
  }
}

export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
export type Distribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

/** Keras's VarianceScaling, from which the glorot/he/lecun initializers are made. */
export class VarianceScaling extends Seeded {
  readonly className: string = 'VarianceScaling';
  constructor(readonly scale = 1, readonly mode: FanMode = 'fanIn', readonly distribution: Distribution = 'truncatedNormal', seed?: number) {
    super(seed);
    if (!(scale > 0)) throw new ValueError(`VarianceScaling: scale must be positive, got ${scale}`);
    if (!['fanIn', 'fanOut', 'fanAvg'].includes(mode)) throw new ValueError(`VarianceScaling: mode must be 'fanIn', 'fanOut' or 'fanAvg', got '${mode}'`);
    if (!['truncatedNormal', 'untruncatedNormal', 'uniform'].includes(distribution)) {
      throw new ValueError(`VarianceScaling: distribution must be 'truncatedNormal', 'untruncatedNormal' or 'uniform', got '${distribution}'`);
    }
  }
  apply(shape: readonly number[]): Tensor {
    const [fanIn, fanOut] = computeFans(shape);
    const fan = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, fan);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return randomUniform(shape, { minval: -limit, maxval: limit, rng: this.generator() });
    }
    if (this.distribution === 'untruncatedNormal') return randomNormal(shape, { stddev: Math.sqrt(variance), rng: this.generator() });
    // Std of a unit normal truncated to [-2, 2]; dividing by it restores the target variance.
    return truncatedNormal(shape, { stddev: Math.sqrt(variance) / 0.8796256610342398, rng: this.generator() });
  }
  override getConfig(): Record<string, unknown> {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed ?? null };
  }
}

function preset(name: string, scale: number, mode: FanMode, distribution: Distribution) {
  return class extends VarianceScaling {
    override readonly className = name;
    constructor(seed?: number) {
      super(scale, mode, distribution, seed);
    }
    override getConfig(): Record<string, unknown> {
      return { seed: this.seed ?? null };
    }
  };
}

export const GlorotUniform = preset('GlorotUniform', 1, 'fanAvg', 'uniform');
export const GlorotNormal = preset('GlorotNormal', 1, 'fanAvg', 'truncatedNormal');
export const HeNormal = preset('HeNormal', 2, 'fanIn', 'truncatedNormal');
export const HeUniform = preset('HeUniform', 2, 'fanIn', 'uniform');
export const LecunNormal = preset('LecunNormal', 1, 'fanIn', 'truncatedNormal');
export const LecunUniform = preset('LecunUniform', 1, 'fanIn', 'uniform');

type Cfg = Record<string, unknown>;
const num = (c: Cfg, k: string): number | undefined => (typeof c[k] === 'number' ? (c[k] as number) : undefined);

/** Name -> constructor from a config ('glorotUniform', 'glorot_uniform' and 'GlorotUniform' resolve alike). */
const registry = new Registry<(c: Cfg) => Initializer>('initializer')
  .register('zeros', () => new Zeros())
  .register('ones', () => new Ones())
  .register('constant', (c) => new Constant(num(c, 'value') ?? 0))
  .register('randomNormal', (c) => new RandomNormal(num(c, 'mean'), num(c, 'stddev'), num(c, 'seed')))
  .register('randomUniform', (c) => new RandomUniform(num(c, 'minval'), num(c, 'maxval'), num(c, 'seed')))
  .register('truncatedNormal', (c) => new TruncatedNormal(num(c, 'mean'), num(c, 'stddev'), num(c, 'seed')))
  .register('varianceScaling', (c) => new VarianceScaling(num(c, 'scale'), (c.mode as FanMode) ?? 'fanIn', (c.distribution as Distribution) ?? 'truncatedNormal', num(c, 'seed')))
  .register('glorotUniform', (c) => new GlorotUniform(num(c, 'seed')))
  .register('glorotNormal', (c) => new GlorotNormal(num(c, 'seed')))
  .register('heNormal', (c) => new HeNormal(num(c, 'seed')))
  .register('heUniform', (c) => new HeUniform(num(c, 'seed')))
  .register('lecunNormal', (c) => new LecunNormal(num(c, 'seed')))
  .register('lecunUniform', (c) => new LecunUniform(num(c, 'seed')));

/** Resolves a name, an instance or a {className, config} object to an initializer. */
export function getInitializer(id: InitializerIdentifier, who = 'initializer'): Initializer {
  if (id instanceof Initializer) return id;
  if (typeof id === 'string') return registry.get(id, who)({});
  if (id && typeof id === 'object' && typeof id.className === 'string') return registry.get(id.className, who)(id.config ?? {});
  throw new ValueError(`${who}: expected an initializer name, instance or {className, config}, got ${fmtValue(id)}`);
}

export function serializeInitializer(init: Initializer): SerializedConfig {
  return { className: init.className, config: init.getConfig() };
}
