import { StrataError, fmtShape } from '@strata/core';
import { type Layer, type LayerShape } from '@strata/layers';

/** `(None, 46, 46, 32)`: a layer shape as Keras prints it. */
export function kerasShape(shape: readonly (number | null)[]): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

/** Rethrows `e` with `context` in front, keeping its class (ShapeError stays a ShapeError). */
function withContext(e: unknown, context: string): never {
  if (e instanceof StrataError) {
    const Ctor = e.constructor as new (message: string) => StrataError;
    throw new Ctor(`${context}: ${e.message}`);
  }
  throw e;
}

/**
 * Builds `layer` for `inputShape` and returns its output shape, as `Sequential.add` does in
 * Keras: shape errors surface at once, naming the model, the layer and the shapes. Layers roll
 * back a failed build themselves, so the layer is never left half-built.
 */
export function connectLayer(model: string, layer: Layer, inputShape: LayerShape, previous: Layer | null): LayerShape {
  const after = previous ? `after ${previous.describe()}` : 'as the first layer';
  try {
    layer.ensureBuilt(inputShape);
    return layer.computeOutputShape(inputShape);
  } catch (e) {
    return withContext(e, `Sequential '${model}': cannot add ${layer.describe()} ${after} (input shape ${fmtShape(inputShape)})`);
  }
}

/** Output shapes of every layer in turn for a model input shape (building the layers). */
export function propagateShapes(model: string, layers: readonly Layer[], inputShape: LayerShape): LayerShape[] {
  const shapes: LayerShape[] = [];
  let shape = inputShape;
  layers.forEach((layer, i) => {
    shape = connectLayer(model, layer, shape, i > 0 ? layers[i - 1] : null);
    shapes.push(shape);
  });
  return shapes;
}

/** Whether two layer shapes agree, null matching anything. */
export function shapesCompatible(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}
