import type { Tensor } from '@strata/core';
import { applyActivation, checkActivation, type ActivationIdentifier } from '../activations';
import { Layer, type CallArgs, type LayerArgs } from '../engine/layer';

export interface ActivationArgs extends LayerArgs {
  activation: ActivationIdentifier;
}

/** Applies an activation function as a layer of its own. */
export class Activation extends Layer {
  readonly activation: ActivationIdentifier;

  constructor(args: ActivationArgs) {
    super(args, 'Activation');
    this.activation = checkActivation(args.activation, this.describe());
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return applyActivation(this.activation, x);
  }

  /** The input itself: the logits when this layer is a final softmax. */
  callPreActivation(x: Tensor): Tensor {
    return x;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: this.activation };
  }

  static fromConfig(config: Record<string, unknown>): Activation {
    return new Activation(config as unknown as ActivationArgs);
  }
}
