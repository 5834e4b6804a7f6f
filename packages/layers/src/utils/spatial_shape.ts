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

/** Output length of a 1D window over [batch, steps, channels] input (null when unknown), or a ShapeError naming `who`. */
export function sequenceOutputLength(inputShape: LayerShape, w: { kind: string; size: number; stride: number; dilation: number; padding: 'valid' | 'same' | 'causal' }, who: string): number | null {
  if (inputShape.length !== 3) {
    throw new ShapeError(`${who}: expected input of rank 3 [batch, steps, channels], got ${fmtShape(inputShape)}`);
  }
  const steps = inputShape[1];
  if (steps === null) return null;
  // Causal: 'valid' over the input left-padded with (size - 1) * dilation zeros.
  const out = w.padding === 'causal'
    ? axisGeometry(steps + (w.size - 1) * w.dilation, w.size, w.stride, w.dilation, 'valid').out
    : axisGeometry(steps, w.size, w.stride, w.dilation, w.padding).out;
  if (out <= 0) throw new ShapeError(`${who}: the ${w.kind} of size ${w.size} is larger than its ${w.padding}-padded input ${fmtShape(inputShape)}`);
  return out;
}
