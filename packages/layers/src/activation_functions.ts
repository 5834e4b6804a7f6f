import {
  elu, exp, gelu, hardSigmoid, hardSilu, leakyRelu, logSoftmax, mish, Registry, relu, relu6, selu, sigmoid, silu, softmax,
  softplus, softsign, tanh, type FusedActivation, type Tensor,
} from '@strata/core';

/**
 * Every Keras 3 activation string, by its canonical name (what getConfig and model.json hold).
 * camelCase spellings resolve too ('leakyRelu', 'logSoftmax'), through the registry's name rule.
 */
export type ActivationIdentifier =
  | 'linear' | 'relu' | 'softmax' | 'sigmoid' | 'tanh' | 'elu'
  | 'relu6' | 'leaky_relu' | 'selu' | 'gelu' | 'swish' | 'mish' | 'softplus' | 'softsign'
  | 'hard_sigmoid' | 'hard_silu' | 'exponential' | 'log_softmax'
  // Aliases, stored under their canonical name ('silu' -> 'swish', 'hard_swish' -> 'hard_silu').
  | 'silu' | 'hard_swish';

const activations = new Registry<(x: Tensor) => Tensor>('activation')
  .register('linear', (x) => x)
  .register('relu', relu)
  .register('softmax', (x) => softmax(x, -1))
  .register('sigmoid', sigmoid)
  .register('tanh', tanh)
  .register('elu', (x) => elu(x, 1))
  .register('relu6', relu6)
  // The string form takes Keras 3's default slope, 0.2 (the LeakyReLU layer's default is 0.3).
  .register('leaky_relu', (x) => leakyRelu(x, 0.2))
  .register('selu', selu)
  .register('gelu', gelu)
  // Keras 3 calls it silu, with swish an alias; TensorFlow.js knows only 'swish', so files say that.
  .register('swish', silu, ['silu'])
  .register('mish', mish)
  .register('softplus', softplus)
  .register('softsign', softsign)
  // Keras 3's relu6(x + 3) / 6, not Keras 2's and TensorFlow.js's clip(0.2 x + 0.5, 0, 1).
  .register('hard_sigmoid', hardSigmoid)
  .register('hard_silu', hardSilu, ['hard_swish'])
  .register('exponential', exp)
  .register('log_softmax', (x) => logSoftmax(x, -1));

/** The activation's canonical name ('ReLU' -> 'relu', 'silu' -> 'swish'; none -> 'linear'), or a ValueError naming `who`. */
export function checkActivation(id: string | null | undefined, who: string): ActivationIdentifier {
  const name = id ?? 'linear';
  activations.get(name, who);
  return activations.canonicalName(name) as ActivationIdentifier;
}

export function applyActivation(id: ActivationIdentifier, x: Tensor): Tensor {
  return activations.get(id, 'applyActivation')(x);
}

/** The part of an activation a kernel can fuse into its epilogue; the rest runs after. */
export function splitActivation(id: ActivationIdentifier): { fused: FusedActivation; after: ActivationIdentifier } {
  return id === 'relu' ? { fused: 'relu', after: 'linear' } : { fused: 'linear', after: id };
}
