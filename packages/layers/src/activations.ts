import { elu, relu, sigmoid, softmax, tanh, ValueError, type Tensor, type FusedActivation } from '@strata/core';

export type ActivationIdentifier = 'linear' | 'relu' | 'softmax' | 'sigmoid' | 'tanh' | 'elu';

const activations: Record<ActivationIdentifier, (x: Tensor) => Tensor> = {
  linear: (x) => x,
  relu,
  softmax: (x) => softmax(x, -1),
  sigmoid,
  tanh,
  elu: (x) => elu(x, 1),
};

export function checkActivation(id: string | null | undefined, who: string): ActivationIdentifier {
  const name = id ?? 'linear';
  if (!Object.hasOwn(activations, name)) {
    throw new ValueError(`${who}: unknown activation '${name}'; expected one of ${Object.keys(activations).join(', ')}`);
  }
  return name as ActivationIdentifier;
}

export function applyActivation(id: ActivationIdentifier, x: Tensor): Tensor {
  return activations[id](x);
}

/** The part of an activation a kernel can fuse into its epilogue; the rest runs after. */
export function splitActivation(id: ActivationIdentifier): { fused: FusedActivation; after: ActivationIdentifier } {
  return id === 'relu' ? { fused: 'relu', after: 'linear' } : { fused: 'linear', after: id };
}
