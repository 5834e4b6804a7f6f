import { abs, add, checkOptions, fmtValue, mul, Registry, square, sum, ValueError, type Tensor } from '@strata/core';
import type { SerializedConfig } from './initializers';

/** A weight penalty added to the training loss: l1 * sum(|w|) + l2 * sum(w^2), as Keras's L1L2. */
export class L1L2 {
  readonly className = 'L1L2';
  constructor(readonly l1 = 0, readonly l2 = 0) {
    for (const [k, v] of [['l1', l1], ['l2', l2]] as const) {
      if (!(Number.isFinite(v) && v >= 0)) throw new ValueError(`regularizer: ${k} must be a finite number >= 0, got ${v}`);
    }
  }
  apply(w: Tensor): Tensor {
    let penalty: Tensor | null = null;
    if (this.l1 > 0) penalty = mul(sum(abs(w)), this.l1);
    if (this.l2 > 0) {
      const p2 = mul(sum(square(w)), this.l2);
      penalty = penalty ? add(penalty, p2) : p2;
    }
    return penalty ?? mul(sum(w), 0);
  }
  getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** Keras defaults: l1(0.01), l2(0.01); Keras's positional form `l2(0.001)` too. */
export function l1(args: number | { l1?: number } = {}): L1L2 {
  const o = typeof args === 'number' ? { l1: args } : checkOptions(args, ['l1'], 'l1');
  return new L1L2(o.l1 ?? 0.01, 0);
}
export function l2(args: number | { l2?: number } = {}): L1L2 {
  const o = typeof args === 'number' ? { l2: args } : checkOptions(args, ['l2'], 'l2');
  return new L1L2(0, o.l2 ?? 0.01);
}
export function l1l2(args: { l1?: number; l2?: number } = {}): L1L2 {
  const o = checkOptions(args, ['l1', 'l2'], 'l1l2');
  return new L1L2(o.l1 ?? 0.01, o.l2 ?? 0.01);
}

export type RegularizerIdentifier = 'l1' | 'l2' | 'l1l2' | 'l1_l2' | L1L2 | SerializedConfig;

type Cfg = Record<string, unknown>;
const amount = (c: Cfg, k: string, byDefault: number): number => (c[k] === undefined || c[k] === null ? byDefault : Number(c[k]));

/**
 * Name -> regularizer from a config. A bare name takes the helpers' defaults (0.01); a saved
 * `{ className, config }` always carries both amounts.
 */
const registry = new Registry<(c: Cfg) => L1L2>('regularizer')
  .register('l1', (c) => new L1L2(amount(c, 'l1', 0.01), amount(c, 'l2', 0)))
  .register('l2', (c) => new L1L2(amount(c, 'l1', 0), amount(c, 'l2', 0.01)))
  .register('l1l2', (c) => new L1L2(amount(c, 'l1', 0.01), amount(c, 'l2', 0.01)));

export function getRegularizer(id: RegularizerIdentifier | null | undefined, who = 'regularizer'): L1L2 | null {
  if (id === null || id === undefined) return null;
  if (id instanceof L1L2) return id;
  if (typeof id === 'string') return registry.get(id, who)({});
  if (typeof id === 'object' && typeof id.className === 'string') return registry.get(id.className, who)(id.config ?? {});
  throw new ValueError(`${who}: expected a regularizer name ('l1', 'l2', 'l1l2'), an L1L2 or { className, config }, got ${fmtValue(id)}`);
}

export function serializeRegularizer(r: L1L2 | null): SerializedConfig | null {
  return r ? { className: r.className, config: r.getConfig() } : null;
}
