import { mul, reshape, sum, ValueError, type Tensor } from '@strata/core';

/** Keras's fuzz factor: probabilities are clipped to [EPSILON, 1 - EPSILON] before a log. */
export const EPSILON = 1e-7;

/** An output activation a loss can absorb to work on the logits instead (see `Loss.fromLogitsOf`). */
export type FusableActivation = 'softmax' | 'sigmoid';

/**
 * A loss: `call` gives one value per sample (and per position, for outputs of rank > 2), and
 * `compute` reduces them as Keras's default "sum_over_batch_size": `sum(values * w) / count`.
 */
export abstract class Loss {
  /** The Keras (snake_case) name, e.g. 'categorical_crossentropy'. */
  abstract readonly name: string;

  /** Unreduced losses: the shape of `yPred` without its last axis. */
  abstract call(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * When the model's last layer ends in this activation, the same loss computed from the
   * pre-activation output (Keras does this internally for softmax/sigmoid + cross-entropy, so a
   * confident wrong prediction gives a large finite loss instead of log(0)). Null if none applies.
   */
  fromLogitsOf(_activation: FusableActivation): Loss | null {
    return null;
  }

  /** The scalar loss, with optional per-sample weights of shape [batch]. */
  compute(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null = null): Tensor {
    return weightedMean(this.call(yTrue, yPred), sampleWeight, this.name);
  }

  /** The constructor arguments, JSON-ready. */
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/**
 * Keras's "sum_over_batch_size" reduction: `sum(values * w) / values.size`, the weights broadcast
 * over every axis but the batch. A scalar (from a custom loss) passes through unweighted.
 */
export function weightedMean(values: Tensor, sampleWeight: Tensor | null, who: string): Tensor {
  if (values.rank === 0) {
    if (sampleWeight) throw new ValueError(`loss '${who}': returned a scalar, so sample or class weights cannot be applied; return one value per sample`);
    return values;
  }
  let weighted = values;
  if (sampleWeight) {
    const shape = [values.shape[0], ...values.shape.slice(1).map(() => 1)];
    weighted = mul(values, reshape(sampleWeight, shape));
  }
  return mul(sum(weighted), 1 / Math.max(1, values.size));
}

/** A loss from a function `(yTrue, yPred) => Tensor` returning per-sample values or a scalar. */
export class FunctionLoss extends Loss {
  constructor(
    private readonly fn: (yTrue: Tensor, yPred: Tensor) => Tensor,
    readonly name: string = fn.name || 'custom_loss',
  ) {
    super();
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    return this.fn(yTrue, yPred);
  }
}

/** Checks a label-smoothing amount: a number in [0, 1]. */
export function checkLabelSmoothing(v: number | undefined, who: string): number {
  const ls = v ?? 0;
  if (typeof ls !== 'number' || !(ls >= 0 && ls <= 1)) throw new ValueError(`${who}: labelSmoothing must be in [0, 1], got ${String(v)}`);
  return ls;
}
