import { keywordOrPositional, optionKeys, type Tensor } from '@strata/core';
import { applyActivation, checkActivation, type ActivationIdentifier } from '../activation_functions';
import { Layer, LAYER_KEYS, type CallArgs, type LayerArgs } from '../engine/layer';

export interface ActivationArgs extends LayerArgs {
  activation: ActivationIdentifier;
}

const ACTIVATION_KEYS = [...LAYER_KEYS, ...optionKeys<Pick<ActivationArgs, 'activation'>>()({ activation: true })];

/** Applies an activation function as a layer of its own. */
export class Activation extends Layer {
  readonly activation: ActivationIdentifier;

  /** Keras's positional form: `new Activation('relu')`. */
  constructor(activation: ActivationIdentifier, args?: LayerArgs);
  constructor(args: ActivationArgs);
  constructor(activationOrArgs: ActivationIdentifier | ActivationArgs, options?: LayerArgs) {
    const args = keywordOrPositional<ActivationArgs>('Activation', { activation: activationOrArgs }, options, ACTIVATION_KEYS);
    super(args, 'Activation', ACTIVATION_KEYS);
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
