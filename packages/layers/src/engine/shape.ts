import { fmtShape, ShapeError } from '@strata/core';

/** A layer-level shape: the batch (and any unknown) dimension is null, as in Keras. */
export type LayerShape = (number | null)[];

/** The product of known dimensions; throws if any needed dimension is unknown. */
export function knownSize(shape: readonly (number | null)[], where: string): number {
  let n = 1;
  for (const d of shape) {
    if (d === null) throw new ShapeError(`${where}: needs every non-batch dimension to be known, got ${fmtShape(shape)}`);
    n *= d;
  }
  return n;
}
