import { axisGeometry, ShapeError, fmtShape } from '@strata/core';
import type { LayerShape } from '../engine/shape';

export interface Window {
  /** 'kernel' or 'pool window', for messages. */
  kind: string;
  size: [number, number];
  strides: [number, number];
  dilation: [number, number];
  padding: 'valid' | 'same';
}

/**
 * Output height and width of a sliding window over NHWC input (unknown sizes stay null), with
 * a clear error when the window does not fit. Shared by convolution and pooling layers.
 */
export function spatialOutputSize(inputShape: LayerShape, w: Window, who: string): [number | null, number | null] {
  if (inputShape.length !== 4) {
    throw new ShapeError(`${who}: expected input of rank 4 [batch, height, width, channels], got ${fmtShape(inputShape)}`);
  }
  const out = [0, 1].map((i) => {
    const size = inputShape[i + 1];
    if (size === null) return null;
    const { out: o } = axisGeometry(size, w.size[i], w.strides[i], w.dilation[i], w.padding);
    if (o <= 0) {
      throw new ShapeError(`${who}: the ${w.size.join('x')} ${w.kind} is larger than its ${w.padding}-padded input ${fmtShape(inputShape)}`);
    }
    return o;
  });
  return [out[0], out[1]];
}
