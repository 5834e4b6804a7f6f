import { checkOptions, optionKeys, Registry, ValueError } from '@strata/core';

/**
 * A learning rate that depends on the optimizer's iteration count, as Keras's
 * `LearningRateSchedule`: `call(step)` is evaluated with the number of updates already applied,
 * so the first update uses `call(0)`.
 */
export abstract class LearningRateSchedule {
  abstract readonly className: string;
  /** The learning rate for the update that follows `step` completed updates. */
  abstract call(step: number): number;
  /** The constructor arguments, JSON-ready. */
  abstract getConfig(): Record<string, unknown>;
}

function finite(v: unknown, who: string, arg: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(`${who}: ${arg} must be a finite number, got ${String(v)}`);
  return v;
}

function positive(v: unknown, who: string, arg: string): number {
  const n = finite(v, who, arg);
  if (n <= 0) throw new ValueError(`${who}: ${arg} must be > 0, got ${n}`);
  return n;
}

/** Arguments of {@link exponentialDecay}. */
export interface ExponentialDecayArgs {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay at whole multiples of `decaySteps` only. */
  staircase?: boolean;
}

/** `initialLearningRate * decayRate ^ (step / decaySteps)` (the exponent floored when `staircase`). */
export class ExponentialDecay extends LearningRateSchedule {
  readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(args: ExponentialDecayArgs) {
    super();
    const who = 'ExponentialDecay';
    checkOptions(args, optionKeys<ExponentialDecayArgs>()({ initialLearningRate: true, decaySteps: true, decayRate: true, staircase: true }), who);
    this.initialLearningRate = finite(args.initialLearningRate, who, 'initialLearningRate');
    this.decaySteps = positive(args.decaySteps, who, 'decaySteps');
    this.decayRate = finite(args.decayRate, who, 'decayRate');
    this.staircase = args.staircase ?? false;
  }

  call(step: number): number {
    const p = step / this.decaySteps;
    return this.initialLearningRate * Math.pow(this.decayRate, this.staircase ? Math.floor(p) : p);
  }

  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate, staircase: this.staircase };
  }
}

/** Arguments of {@link cosineDecay}. */
export interface CosineDecayArgs {
  initialLearningRate: number;
  decaySteps: number;
  /** The final rate as a fraction of the initial one (default 0). */
  alpha?: number;
}

/**
 * Keras's CosineDecay without warmup: with s = min(step, decaySteps),
 * `lr = initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)`.
 */
export class CosineDecay extends LearningRateSchedule {
  readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;

  constructor(args: CosineDecayArgs) {
    super();
    const who = 'CosineDecay';
    checkOptions(args, optionKeys<CosineDecayArgs>()({ initialLearningRate: true, decaySteps: true, alpha: true }), who);
    this.initialLearningRate = finite(args.initialLearningRate, who, 'initialLearningRate');
    this.decaySteps = positive(args.decaySteps, who, 'decaySteps');
    this.alpha = finite(args.alpha ?? 0, who, 'alpha');
  }

  call(step: number): number {
    const fraction = Math.min(step, this.decaySteps) / this.decaySteps;
    const cosine = 0.5 * (1 + Math.cos(Math.PI * fraction));
    return this.initialLearningRate * ((1 - this.alpha) * cosine + this.alpha);
  }

  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, alpha: this.alpha };
  }
}

/** Arguments of {@link piecewiseConstantDecay}. */
export interface PiecewiseConstantDecayArgs {
  /** Strictly increasing step boundaries. */
  boundaries: readonly number[];
  /** One more value than boundaries. */
  values: readonly number[];
}

/** `values[0]` while step <= boundaries[0], `values[i]` while step <= boundaries[i], then the last value. */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: number[];
  readonly values: number[];

  constructor(args: PiecewiseConstantDecayArgs) {
    super();
    const who = 'PiecewiseConstantDecay';
    checkOptions(args, optionKeys<PiecewiseConstantDecayArgs>()({ boundaries: true, values: true }), who);
    this.boundaries = args.boundaries.map((b, i) => finite(b, who, `boundaries[${i}]`));
    this.values = args.values.map((v, i) => finite(v, who, `values[${i}]`));
    if (this.values.length !== this.boundaries.length + 1) {
      throw new ValueError(`${who}: values must have one more entry than boundaries, got ${this.boundaries.length} boundaries and ${this.values.length} values`);
    }
    for (let i = 1; i < this.boundaries.length; i++) {
      if (!(this.boundaries[i] > this.boundaries[i - 1])) throw new ValueError(`${who}: boundaries must be strictly increasing, got [${this.boundaries.join(', ')}]`);
    }
  }

  call(step: number): number {
    const i = this.boundaries.findIndex((b) => step <= b);
    return this.values[i === -1 ? this.values.length - 1 : i];
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: [...this.boundaries], values: [...this.values] };
  }
}

/** Exponential decay of the learning rate (Keras's `ExponentialDecay`). */
export function exponentialDecay(args: ExponentialDecayArgs): ExponentialDecay {
  return new ExponentialDecay(args);
}

/** Cosine decay of the learning rate (Keras's `CosineDecay`, no warmup). */
export function cosineDecay(args: CosineDecayArgs): CosineDecay {
  return new CosineDecay(args);
}

/** A step function of the iteration count (Keras's `PiecewiseConstantDecay`). */
export function piecewiseConstantDecay(args: PiecewiseConstantDecayArgs): PiecewiseConstantDecay {
  return new PiecewiseConstantDecay(args);
}

/** Rebuilds a schedule from `{ className, config }` (the output of `getConfig`). */
export function deserializeSchedule(spec: { className: string; config: Record<string, unknown> }): LearningRateSchedule {
  return scheduleRegistry.get(spec.className, 'deserializeSchedule')(spec.config);
}

/** Schedules by name ('exponentialDecay', 'exponential_decay', 'ExponentialDecay'). */
export const scheduleRegistry = new Registry<(config: Record<string, unknown>) => LearningRateSchedule>('learning-rate schedule')
  .register('exponentialDecay', (c) => new ExponentialDecay(c as unknown as ExponentialDecayArgs))
  .register('cosineDecay', (c) => new CosineDecay(c as unknown as CosineDecayArgs))
  .register('piecewiseConstantDecay', (c) => new PiecewiseConstantDecay(c as unknown as PiecewiseConstantDecayArgs));
