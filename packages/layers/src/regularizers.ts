import { abs, add, mul, square, sum, ValueError, type Tensor } from '@strata/core';
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

/** Keras defaults: l1(0.01), l2(0.01). */
export function l1(args: { l1?: number } = {}): L1L2 {
  return new L1L2(args.l1 ?? 0.01, 0);
}
export function l2(args: { l2?: number } = {}): L1L2 {
  return new L1L2(0, args.l2 ?? 0.01);
}
export function l1l2(args: { l1?: number; l2?: number } = {}): L1L2 {
  return new L1L2(args.l1 ?? 0.01, args.l2 ?? 0.01);
}

export type RegularizerIdentifier = 'l1' | 'l2' | 'l1l2' | 'l1_l2' | L1L2 | SerializedConfig;

export function getRegularizer(id: RegularizerIdentifier | null | undefined, who = 'regularizer'): L1L2 | null {
  if (id === null || id === undefined) return null;
  if (id instanceof L1L2) return id;
  if (id === 'l1') return l1();
  if (id === 'l2') return l2();
  if (id === 'l1l2' || id === 'l1_l2') return l1l2();
  if (typeof id === 'object' && ['L1L2', 'L1', 'L2'].includes(id.className)) {
    const c = id.config ?? {};
    return new L1L2(Number(c.l1 ?? 0), Number(c.l2 ?? 0));
  }
  throw new ValueError(`${who}: unknown regularizer ${JSON.stringify(id)}; expected 'l1', 'l2', 'l1l2' or a regularizer`);
}

export function serializeRegularizer(r: L1L2 | null): SerializedConfig | null {
  return r ? { className: r.className, config: r.getConfig() } : null;
}
