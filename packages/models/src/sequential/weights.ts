import { ShapeError, ValueError, fmtShape, type Tensor } from '@strata/core';
import { type Layer } from '@strata/layers';

/**
 * Sets the weights of `layers` from one flat list (their `weights` concatenated). Counts and
 * shapes are all checked first, so a bad list changes nothing.
 */
export function setLayerWeights(model: string, layers: readonly Layer[], values: readonly Tensor[]): void {
  const expected = layers.flatMap((l) => l.weights);
  if (values.length !== expected.length) {
    throw new ValueError(`Sequential '${model}': setWeights expected ${expected.length} weights, got ${values.length}`);
  }
  expected.forEach((w, i) => {
    const got = values[i].shape;
    if (got.length !== w.shape.length || got.some((d, k) => d !== w.shape[k])) {
      throw new ShapeError(`Sequential '${model}': setWeights value ${i} for '${w.name}' has shape ${fmtShape(got)}, expected ${fmtShape(w.shape)}`);
    }
  });
  let offset = 0;
  for (const layer of layers) {
    const n = layer.weights.length;
    if (n > 0) layer.setWeights(values.slice(offset, offset + n));
    offset += n;
  }
}
