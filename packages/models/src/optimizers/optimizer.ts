import { getBackend, isOptionsObject, keywordOrPositional, noGrad, optionKeys, ShapeError, ValueError, type Tensor, type Variable } from '@strata/core';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './gradient_clipping';
import { LearningRateSchedule } from './learning_rate_schedule';

/** Arguments every optimizer accepts (Keras 3's base optimizer arguments, camelCase). */
export interface OptimizerArgs {
  /** A number, or a schedule evaluated at the iteration count before each update. */
  learningRate?: number | LearningRateSchedule;
  /** Decoupled weight decay: `w -= w * weightDecay * lr` before each update (Keras 3). */
  weightDecay?: number | null;
  /** Clip each gradient to this L2 norm (Keras `clipnorm`). */
  clipNorm?: number | null;
  /** Clip all gradients together to this global L2 norm (Keras `global_clipnorm`). */
  globalClipNorm?: number | null;
  /** Clip each gradient element into [-clipValue, clipValue] (Keras `clipvalue`). */
  clipValue?: number | null;
  name?: string;
}

/** The option names every optimizer accepts; each optimizer's own list extends this one. */
export const OPTIMIZER_KEYS = optionKeys<OptimizerArgs>()({
  learningRate: true, weightDecay: true, clipNorm: true, globalClipNorm: true, clipValue: true, name: true,
});

/**
 * Keras's positional learning rate (`new Adam(1e-4)`, `new SGD(0.01, { momentum: 0.9 })`) or
 * the options object alone, checked against `validKeys`.
 */
export function optimizerArgs<T extends OptimizerArgs>(who: string, first: number | LearningRateSchedule | T | undefined, options: Omit<T, 'learningRate'> | undefined, validKeys: readonly string[]): T {
  if (first !== undefined && !isOptionsObject(first) && typeof first !== 'number' && !(first instanceof LearningRateSchedule)) {
    throw new ValueError(`${who}: the first argument must be a learning rate (a number or a LearningRateSchedule) or an options object, got ${JSON.stringify(first)}`);
  }
  return keywordOrPositional<T>(who, { learningRate: first }, options, validKeys);
}

/** Per-variable optimizer buffers by slot name (`m`, `v`, `momentum`...). */
export type Slots = Record<string, Float32Array>;

/** Everything needed to resume optimisation exactly: the step count and every slot, by variable name. */
export interface OptimizerState {
  iterations: number;
  slots: Record<string, Slots>;
}

/** A gradient to apply to a variable. */
export interface GradientPair {
  variable: Variable;
  gradient: Tensor | Float32Array;
}

function optionalNonNegative(v: number | null | undefined, who: string, arg: string, strict = false): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (strict && v === 0)) {
    throw new ValueError(`${who}: ${arg} must be a finite number ${strict ? '> 0' : '>= 0'}, got ${String(v)}`);
  }
  return v;
}

/**
 * The optimizer base, shaped as Keras 3's: clip gradients, apply weight decay, run each
 * subclass's `updateStep` on the raw Float32Array values in place (no op graph: this is the hot
 * path), then count the iteration.
 */
export abstract class Optimizer {
  abstract readonly className: string;
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipNorm: number | null;
  readonly globalClipNorm: number | null;
  readonly clipValue: number | null;
  /** Updates applied so far; schedules are evaluated at this count. */
  iterations = 0;
  private lr: number | LearningRateSchedule;
  private readonly slots = new Map<Variable, Slots>();
  /** Slots restored by `setState` for variables not seen yet, by variable name. */
  private pending = new Map<string, Slots>();

  constructor(args: OptimizerArgs, defaultLearningRate: number, defaultName: string) {
    this.name = args.name ?? defaultName;
    const who = `${this.name} optimizer`;
    const lr = args.learningRate ?? defaultLearningRate;
    if (!(lr instanceof LearningRateSchedule)) optionalNonNegative(lr, who, 'learningRate');
    this.lr = lr;
    this.weightDecay = optionalNonNegative(args.weightDecay, who, 'weightDecay');
    this.clipNorm = optionalNonNegative(args.clipNorm, who, 'clipNorm', true);
    this.globalClipNorm = optionalNonNegative(args.globalClipNorm, who, 'globalClipNorm', true);
    this.clipValue = optionalNonNegative(args.clipValue, who, 'clipValue', true);
    const clips = [this.clipNorm, this.globalClipNorm, this.clipValue].filter((c) => c !== null).length;
    if (clips > 1) throw new ValueError(`${who}: only one of clipNorm, globalClipNorm and clipValue can be set (Keras rule), got ${clips}`);
  }

  /** The learning rate of the next update (a schedule is evaluated at `iterations`). */
  get learningRate(): number {
    return this.lr instanceof LearningRateSchedule ? this.lr.call(this.iterations) : this.lr;
  }

  /** Sets a constant learning rate; not allowed when the optimizer was built with a schedule (as Keras). */
  set learningRate(value: number) {
    if (this.lr instanceof LearningRateSchedule) {
      throw new ValueError(`${this.name} optimizer: the learning rate follows a ${this.lr.className} schedule and cannot be set; create the optimizer with a number learningRate to change it`);
    }
    optionalNonNegative(value, `${this.name} optimizer`, 'learningRate');
    this.lr = value;
  }

  /** The schedule, when the learning rate has one. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return this.lr instanceof LearningRateSchedule ? this.lr : null;
  }

  /** Slot names this optimizer keeps for every variable, given its configuration. */
  protected abstract slotNames(): string[];

  /**
   * Updates `w` in place from gradient `g` (already clipped) at learning rate `lr`;
   * `step` is the 1-based number of this update.
   */
  protected abstract updateStep(w: Float32Array, g: Float32Array, slots: Slots, lr: number, step: number): void;

  /**
   * Updates every variable of one step (index i: `ws[i]`, `gs[i]`, `slots[i]`). By default one
   * `updateStep` each; an optimizer with a backend kernel overrides it to update all in one call.
   */
  protected updateAll(ws: Float32Array[], gs: Float32Array[], slots: Slots[], lr: number, step: number): void {
    ws.forEach((w, i) => this.updateStep(w, gs[i], slots[i], lr, step));
  }

  /**
   * One optimisation step: clipping, weight decay and the update for every pair, then
   * `iterations += 1`. All shapes and restored slots are checked before any value changes.
   */
  applyGradients(pairs: readonly GradientPair[]): void {
    if (pairs.length === 0) throw new ValueError(`${this.name} optimizer: applyGradients got no gradients`);
    const grads = pairs.map(({ variable, gradient }) => {
      const g = gradient instanceof Float32Array ? gradient : gradient.f32;
      if (g.length !== variable.size || !(variable.values instanceof Float32Array)) {
        throw new ShapeError(`${this.name} optimizer: gradient for '${variable.name}' has ${g.length} values, the float32 variable has ${variable.size}`);
      }
      return g;
    });
    const slots = pairs.map(({ variable }) => this.slotsFor(variable));
    const clipped = this.clip(grads);
    const lr = this.learningRate;
    const step = this.iterations + 1;
    const values = pairs.map(({ variable }) => variable.values as Float32Array);
    if (this.weightDecay) {
      const k = this.weightDecay * lr;
      for (const w of values) for (let j = 0; j < w.length; j++) w[j] -= w[j] * k;
    }
    this.updateAll(values, clipped, slots, lr, step);
    for (const { variable } of pairs) variable.markChanged();
    // Keras applies each variable's constraint after the whole update (base_optimizer.apply).
    for (const { variable } of pairs) {
      const project = variable.constraint;
      if (project) variable.assign(noGrad(() => project(variable)));
    }
    this.iterations++;
  }

  /** Applies each variable's `.grad` (variables without one are skipped), then clears the gradients. */
  step(variables: readonly Variable[]): void {
    const pairs: GradientPair[] = [];
    for (const v of variables) if (v.grad) pairs.push({ variable: v, gradient: v.grad });
    if (pairs.length > 0) this.applyGradients(pairs);
    for (const v of variables) v.zeroGrad();
  }

  private clip(grads: Float32Array[]): Float32Array[] {
    if (this.clipNorm !== null) return grads.map((g) => clipByNorm(g, this.clipNorm as number));
    if (this.globalClipNorm !== null) return clipByGlobalNorm(grads, this.globalClipNorm);
    if (this.clipValue !== null) return grads.map((g) => clipByValue(g, this.clipValue as number));
    return grads;
  }

  private slotsFor(variable: Variable): Slots {
    const known = this.slots.get(variable);
    if (known) return known;
    const names = this.slotNames();
    const restored = this.pending.get(variable.name);
    if (restored) {
      for (const n of names) {
        if (!restored[n] || restored[n].length !== variable.size) {
          throw new ShapeError(`${this.name} optimizer: restored slot '${n}' of '${variable.name}' has ${restored[n]?.length ?? 0} values, the variable has ${variable.size}`);
        }
      }
      this.pending.delete(variable.name);
    }
    const s: Slots = {};
    for (const n of names) {
      // In the backend's own memory when it offers it (the wasm heap), beside the variable: its
      // update kernel then reads and writes every slot in place.
      const own = getBackend().allocPersistent?.(variable.size) ?? new Float32Array(variable.size);
      if (restored) own.set(restored[n]);
      s[n] = own;
    }
    this.slots.set(variable, s);
    return s;
  }

  /**
   * Creates the slots of `variables` now (Keras 3's optimizer.build). The trainer calls it before
   * each step's kernel scope, where slots could not be placed in the backend's memory.
   */
  build(variables: readonly Variable[]): void {
    for (const v of variables) this.slotsFor(v);
  }

  /** A copy of the iteration count and every slot, keyed by variable name. */
  getState(): OptimizerState {
    const slots: Record<string, Slots> = {};
    const copy = (s: Slots): Slots => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.slice()]));
    for (const [name, s] of this.pending) slots[name] = copy(s);
    for (const [variable, s] of this.slots) {
      if (variable.name in slots) throw new ValueError(`${this.name} optimizer: two variables are named '${variable.name}'; state is keyed by name`);
      slots[variable.name] = copy(s);
    }
    return { iterations: this.iterations, slots };
  }

  /** Restores `getState()` output; slots attach to variables by name on their next update. */
  setState(state: OptimizerState): void {
    if (!Number.isInteger(state.iterations) || state.iterations < 0) {
      throw new ValueError(`${this.name} optimizer: setState iterations must be an integer >= 0, got ${state.iterations}`);
    }
    const names = this.slotNames();
    for (const [variable, s] of Object.entries(state.slots)) {
      const missing = names.filter((n) => !(s[n] instanceof Float32Array));
      if (missing.length) throw new ValueError(`${this.name} optimizer: setState slots of '${variable}' lack ${missing.join(', ')}; expected ${names.join(', ')}`);
    }
    this.slots.clear();
    this.pending = new Map(Object.entries(state.slots).map(([k, s]) => [k, Object.fromEntries(names.map((n) => [n, s[n].slice()]))]));
    this.iterations = state.iterations;
  }

  /** The constructor arguments, JSON-ready (a schedule as `{ className, config }`). */
  getConfig(): Record<string, unknown> {
    const lr = this.lr instanceof LearningRateSchedule ? { className: this.lr.className, config: this.lr.getConfig() } : this.lr;
    return {
      name: this.name, learningRate: lr, weightDecay: this.weightDecay,
      clipNorm: this.clipNorm, globalClipNorm: this.globalClipNorm, clipValue: this.clipValue,
    };
  }
}
