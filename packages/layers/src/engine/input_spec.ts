import { ShapeError, fmtShape } from '@strata/core';

/** What a layer accepts, checked on every call (Keras's InputSpec). */
export interface InputSpec {
  ndim?: number;
  minNdim?: number;
  /** Required sizes of given axes (negative axes count from the end). */
  axes?: Record<number, number>;
  /** Human description of the expected layout, used in messages. */
  layout?: string;
}

export function assertInputSpec(spec: InputSpec | null, shape: readonly (number | null)[], who: string): void {
  if (!spec) return;
  const rank = shape.length;
  const layout = spec.layout ? ` ${spec.layout}` : '';
  if (spec.ndim !== undefined && rank !== spec.ndim) {
    throw new ShapeError(`${who}: expected input of rank ${spec.ndim}${layout}, got shape ${fmtShape(shape)}`);
  }
  if (spec.minNdim !== undefined && rank < spec.minNdim) {
    throw new ShapeError(`${who}: expected input of rank >= ${spec.minNdim}${layout}, got shape ${fmtShape(shape)}`);
  }
  for (const [k, size] of Object.entries(spec.axes ?? {})) {
    const axis = Number(k) < 0 ? rank + Number(k) : Number(k);
    const got = shape[axis];
    if (got !== null && got !== size) {
      throw new ShapeError(`${who}: expected axis ${k} of the input to have size ${size}, got shape ${fmtShape(shape)}`);
    }
  }
}
