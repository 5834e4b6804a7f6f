import { fmtShape, StrataError, ValueError } from '@strata/core';
import { InputLayer, type Layer, type LayerShape } from '@strata/layers';
import type { TargetWeight } from './weight_matching';
import type { WeightsManifestGroup } from './weights_codec';

/** Default cap on the parameters a model file may declare (elements, not bytes): 4 GB of float32. */
export const DEFAULT_MAX_PARAMS = 1e9;

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Every weight the model will have, from the deserialized (unbuilt) layers and the first
 * layer's batch input shape alone: each layer plans its weights for its input shape and passes
 * its output shape on, as Sequential's build would, but nothing is allocated. Null when the
 * input shape is unknown (the model stays unbuilt). Errors name the layer and the shape.
 */
export function planModelWeights(layers: readonly Layer[], where: string): TargetWeight[] | null {
  const first = layers[0];
  if (!first || !first.batchInputShape) return null;
  let shape: LayerShape = [...first.batchInputShape];
  const out: TargetWeight[] = [];
  for (const [i, layer] of layers.entries()) {
    if (layer instanceof InputLayer) continue;
    try {
      for (const w of layer.plannedWeights(shape)) out.push({ name: w.name, shape: w.shape, owner: layer.describe() });
      shape = layer.computeOutputShape(shape);
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      const Ctor = e.constructor as new (message: string) => StrataError;
      throw new Ctor(`${where}: layer ${i} (${layer.describe()}, input shape ${fmtShape(shape)}): ${e.message}`);
    }
  }
  return out;
}

/**
 * Refuses a file that declares more than `maxParams` parameters, in its topology or in its
 * weightsManifest, before any weight is read or built.
 */
export function checkDeclaredSize(
  planned: readonly TargetWeight[] | null, manifest: readonly WeightsManifestGroup[], maxParams: number, where: string,
): void {
  const fromTopology = (planned ?? []).reduce((n, w) => n + count(w.shape), 0);
  const fromManifest = manifest.reduce((n, g) => g.weights.reduce((m, w) => m + count(w.shape), n), 0);
  for (const [what, n] of [['topology', fromTopology], ['weightsManifest', fromManifest]] as const) {
    if (!(n <= maxParams)) {
      throw new ValueError(`${where}: the ${what} declares ${n.toExponential(3)} parameters, over the limit of ${maxParams.toExponential(3)} (raise it with loadModel(path, { maxParams }))`);
    }
  }
}
