import { checkOptions, mul, neg, oneHot, optionKeys, reshape, sum, type Tensor } from '@strata/core';
import { logProbabilities } from './categorical_crossentropy';
import { Loss, type FusableActivation } from './loss';

/** Arguments of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyArgs {
  /** yPred holds logits rather than probabilities. */
  fromLogits?: boolean;
}

/**
 * Categorical cross-entropy with integer class labels: yTrue has yPred's shape without the
 * class axis (a trailing axis of size 1 is also accepted). Keras has no label smoothing here.
 */
export class SparseCategoricalCrossentropy extends Loss {
  readonly name = 'sparse_categorical_crossentropy';
  readonly fromLogits: boolean;

  constructor(args: SparseCategoricalCrossentropyArgs = {}) {
    super();
    checkOptions(args, optionKeys<SparseCategoricalCrossentropyArgs>()({ fromLogits: true }), 'SparseCategoricalCrossentropy');
    this.fromLogits = args.fromLogits ?? false;
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    const classes = yPred.shape[yPred.rank - 1];
    // The one-hot product picks -log p[label] and gives the right gradient for free.
    const target = reshape(oneHot(yTrue.values, classes), yPred.shape);
    return neg(sum(mul(target, logProbabilities(yPred, this.fromLogits)), -1));
  }

  override fromLogitsOf(activation: FusableActivation): Loss | null {
    return activation === 'softmax' && !this.fromLogits ? new SparseCategoricalCrossentropy({ fromLogits: true }) : null;
  }

  override getConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits };
  }
}
