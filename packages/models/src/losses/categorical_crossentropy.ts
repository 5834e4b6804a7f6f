import { add, checkOptions, clip, div, log, logSoftmax, mul, neg, optionKeys, sum, type Tensor } from '@strata/core';
import { checkLabelSmoothing, EPSILON, Loss, type FusableActivation } from './loss';

/** Arguments of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyArgs {
  /** yPred holds logits rather than probabilities. */
  fromLogits?: boolean;
  /** Mix the one-hot labels with the uniform distribution: `y * (1 - s) + s / numClasses`. */
  labelSmoothing?: number;
}

/**
 * `-sum(yTrue * log(p))` over the last axis, yTrue one-hot (or a distribution). From
 * probabilities it follows Keras: renormalise p to sum to 1, clip to [1e-7, 1 - 1e-7]; from
 * logits it uses logSoftmax, which stays finite for logits of any magnitude.
 */
export class CategoricalCrossentropy extends Loss {
  readonly name = 'categorical_crossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;

  constructor(args: CategoricalCrossentropyArgs = {}) {
    super();
    checkOptions(args, optionKeys<CategoricalCrossentropyArgs>()({ fromLogits: true, labelSmoothing: true }), 'CategoricalCrossentropy');
    this.fromLogits = args.fromLogits ?? false;
    this.labelSmoothing = checkLabelSmoothing(args.labelSmoothing, 'CategoricalCrossentropy');
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    const classes = yPred.shape[yPred.rank - 1];
    const s = this.labelSmoothing;
    const target = s > 0 ? add(mul(yTrue, 1 - s), s / classes) : yTrue;
    return neg(sum(mul(target, logProbabilities(yPred, this.fromLogits)), -1));
  }

  override fromLogitsOf(activation: FusableActivation): Loss | null {
    return activation === 'softmax' && !this.fromLogits ? new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: this.labelSmoothing }) : null;
  }

  override getConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
}

/** log of the class probabilities: logSoftmax of logits, or Keras's renormalise-and-clip of probabilities. */
export function logProbabilities(yPred: Tensor, fromLogits: boolean): Tensor {
  if (fromLogits) return logSoftmax(yPred, -1);
  return log(clip(div(yPred, sum(yPred, -1, true)), EPSILON, 1 - EPSILON));
}
