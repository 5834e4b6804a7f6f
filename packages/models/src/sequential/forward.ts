import { noGrad, sigmoid, softmax, type Tensor } from '@strata/core';
import { Activation, Dense, type Layer } from '@strata/layers';
import type { FusableActivation, Loss } from '../losses/loss';

/** How a batch's loss is computed: on the outputs, or on the last layer's logits. */
export interface LossPlan {
  loss: Loss;
  /** The last layer's activation absorbed into `loss` (the loss then takes logits), or null. */
  fused: FusableActivation | null;
}

/**
 * Keras computes (sparse) categorical cross-entropy after a softmax output, and binary
 * cross-entropy after a sigmoid, from the logits; so does Strata, when the last layer is a
 * Dense or Activation with that activation.
 */
export function planLoss(layers: readonly Layer[], loss: Loss): LossPlan {
  const last = layers[layers.length - 1];
  if ((last instanceof Dense || last instanceof Activation) && (last.activation === 'softmax' || last.activation === 'sigmoid')) {
    const logitsLoss = loss.fromLogitsOf(last.activation);
    if (logitsLoss) return { loss: logitsLoss, fused: last.activation };
  }
  return { loss, fused: null };
}

/** Runs the layers in order. */
export function forwardLayers(layers: readonly Layer[], x: Tensor, training: boolean): Tensor {
  let h = x;
  for (const layer of layers) h = layer.apply(h, { training });
  return h;
}

/**
 * The forward pass for a loss: `lossInput` feeds the plan's loss (logits when fused), `yPred`
 * is the model's output as `predict` would give it (for the metrics).
 */
export function forwardForLoss(layers: readonly Layer[], x: Tensor, training: boolean, plan: LossPlan): { lossInput: Tensor; yPred: Tensor } {
  if (plan.fused === null) {
    const out = forwardLayers(layers, x, training);
    return { lossInput: out, yPred: out };
  }
  const last = layers[layers.length - 1] as Dense | Activation;
  const h = forwardLayers(layers.slice(0, -1), x, training);
  last.ensureBuilt([null, ...h.shape.slice(1)]);
  const logits = last.callPreActivation(h);
  const activation = plan.fused;
  const yPred = noGrad(() => (activation === 'softmax' ? softmax(logits.detach(), -1) : sigmoid(logits.detach())));
  return { lossInput: logits, yPred };
}
