import { elu, Registry, relu, sigmoid, softmax, tanh, type Tensor, type FusedActivation } from '@strata/core';

export type ActivationIdentifier = 'linear' | 'relu' | 'softmax' | 'sigmoid' | 'tanh' | 'elu';

const activations = new Registry<(x: Tensor) => Tensor>('activation')
  .register('linear', (x) => x)
  .register('relu', relu)
  .register('softmax', (x) => softmax(x, -1))
  .register('sigmoid', sigmoid)
  .register('tanh', tanh)
  .register('elu', (x) => elu(x, 1));

/** The activation's canonical name ('ReLU' -> 'relu'; none -> 'linear'), or a ValueError naming `who`. */
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
