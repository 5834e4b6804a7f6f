import { add, checkOptions, clip, concat, optionKeys, log, logSoftmax, mean, mul, neg, reshape, sub, sum, zeros, type Tensor } from '@strata/core';
import { checkLabelSmoothing, EPSILON, Loss, type FusableActivation } from './loss';

/** Arguments of {@link BinaryCrossentropy}. */
export interface BinaryCrossentropyArgs {
  /** yPred holds logits rather than probabilities. */
  fromLogits?: boolean;
  /** Squeeze labels towards 0.5: `y * (1 - s) + 0.5 * s`. */
  labelSmoothing?: number;
}

/**
 * `-(y log p + (1 - y) log(1 - p))`, averaged over the last axis as Keras does. From
 * probabilities p is clipped to [1e-7, 1 - 1e-7]; from logits it is computed stably.
 */
export class BinaryCrossentropy extends Loss {
  readonly name = 'binary_crossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;

  constructor(args: BinaryCrossentropyArgs = {}) {
    super();
    checkOptions(args, optionKeys<BinaryCrossentropyArgs>()({ fromLogits: true, labelSmoothing: true }), 'BinaryCrossentropy');
    this.fromLogits = args.fromLogits ?? false;
    this.labelSmoothing = checkLabelSmoothing(args.labelSmoothing, 'BinaryCrossentropy');
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    const s = this.labelSmoothing;
    const y = s > 0 ? add(mul(yTrue, 1 - s), 0.5 * s) : yTrue;
    return mean(this.fromLogits ? fromLogits(y, yPred) : fromProbabilities(y, yPred), -1);
  }

  override fromLogitsOf(activation: FusableActivation): Loss | null {
    return activation === 'sigmoid' && !this.fromLogits ? new BinaryCrossentropy({ fromLogits: true, labelSmoothing: this.labelSmoothing }) : null;
  }

  override getConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
}

function fromProbabilities(y: Tensor, p: Tensor): Tensor {
  const pc = clip(p, EPSILON, 1 - EPSILON);
  return neg(add(mul(y, log(pc)), mul(sub(1, y), log(sub(1, pc)))));
}

/**
 * log(sigmoid(x)) and log(1 - sigmoid(x)) are the two entries of logSoftmax([0, x]), which is
 * stable for any |x| and, unlike the max(x, 0) - x*y + log(1 + exp(-|x|)) form built from
 * relu/abs, has the exact gradient sigmoid(x) - y at x = 0 too.
 */
function fromLogits(y: Tensor, x: Tensor): Tensor {
  const column = [...x.shape, 1];
  const pairLogits = concat([zeros(column), reshape(x, column)], -1);
  const pairTargets = concat([reshape(sub(1, y), column), reshape(y, column)], -1);
  return neg(sum(mul(pairTargets, logSoftmax(pairLogits, -1)), -1));
}
