import type { Conv2dInfo, Pool2dInfo } from '../backends/backend';
import { ShapeError, ValueError } from '../errors';
import { normalizePair as pair, type Pair } from '../util/args';
import { fmtShape } from '../util/shape';

export type Padding = 'valid' | 'same';
export type { Pair } from '../util/args';

/**
 * Output size and leading padding along one axis. 'same' follows TensorFlow:
 * out = ceil(in / s), pad_total = max((out - 1) * s + effK - in, 0), the odd pixel after.
 */
export function axisGeometry(inSize: number, k: number, s: number, d: number, padding: Padding): { out: number; padBefore: number } {
  const effK = (k - 1) * d + 1;
  if (padding === 'same') {
    const out = Math.ceil(inSize / s);
    const total = Math.max((out - 1) * s + effK - inSize, 0);
    return { out, padBefore: Math.floor(total / 2) };
  }
  return { out: inSize >= effK ? Math.floor((inSize - effK) / s) + 1 : 0, padBefore: 0 };
}

function checkPadding(padding: string, op: string): asserts padding is Padding {
  if (padding !== 'valid' && padding !== 'same') throw new ValueError(`${op}: padding must be 'valid' or 'same', got '${padding}'`);
}

export function conv2dInfo(
  xShape: readonly number[], wShape: readonly number[],
  strides: Pair, padding: string, dilationRate: Pair, op = 'conv2d',
): Conv2dInfo {
  if (xShape.length !== 4) throw new ShapeError(`${op}: input must be rank 4 [batch, height, width, channels], got ${fmtShape(xShape)}`);
  if (wShape.length !== 4) throw new ShapeError(`${op}: filter must be rank 4 [kh, kw, inChannels, outChannels], got ${fmtShape(wShape)}`);
  checkPadding(padding, op);
  const [batch, inHeight, inWidth, inChannels] = xShape;
  const [kernelHeight, kernelWidth, wIn, outChannels] = wShape;
  if (wIn !== inChannels) {
    throw new ShapeError(`${op}: input has ${inChannels} channels (shape ${fmtShape(xShape)}) but the filter ${fmtShape(wShape)} expects ${wIn}`);
  }
  const [strideHeight, strideWidth] = pair(strides, op, 'strides');
  const [dilationHeight, dilationWidth] = pair(dilationRate, op, 'dilationRate');
  const h = axisGeometry(inHeight, kernelHeight, strideHeight, dilationHeight, padding);
  const w = axisGeometry(inWidth, kernelWidth, strideWidth, dilationWidth, padding);
  if (h.out <= 0 || w.out <= 0) {
    throw new ShapeError(
      `${op}: the ${kernelHeight}x${kernelWidth} kernel (dilation ${dilationHeight}x${dilationWidth}) is larger than the ${padding}-padded ${inHeight}x${inWidth} input ${fmtShape(xShape)}`,
    );
  }
  return {
    batch, inHeight, inWidth, inChannels, outHeight: h.out, outWidth: w.out, outChannels,
    kernelHeight, kernelWidth, strideHeight, strideWidth, dilationHeight, dilationWidth,
    padTop: h.padBefore, padLeft: w.padBefore,
  };
}

/**
 * Geometry of a depthwise conv: filter [kh, kw, inChannels, depthMultiplier], so outChannels =
 * inChannels * depthMultiplier.
 */
export function depthwiseConv2dInfo(
  xShape: readonly number[], wShape: readonly number[],
  strides: Pair, padding: string, dilationRate: Pair, op = 'depthwiseConv2d',
): Conv2dInfo {
  if (wShape.length !== 4) throw new ShapeError(`${op}: filter must be rank 4 [kh, kw, inChannels, depthMultiplier], got ${fmtShape(wShape)}`);
  const info = conv2dInfo(xShape, wShape, strides, padding, dilationRate, op);
  return { ...info, outChannels: info.inChannels * wShape[3] };
}

export function pool2dInfo(xShape: readonly number[], poolSize: Pair, strides: Pair, padding: string, op = 'maxPool2d'): Pool2dInfo {
  if (xShape.length !== 4) throw new ShapeError(`${op}: input must be rank 4 [batch, height, width, channels], got ${fmtShape(xShape)}`);
  checkPadding(padding, op);
  const [batch, inHeight, inWidth, channels] = xShape;
  const [poolHeight, poolWidth] = pair(poolSize, op, 'poolSize');
  const [strideHeight, strideWidth] = pair(strides, op, 'strides');
  const h = axisGeometry(inHeight, poolHeight, strideHeight, 1, padding);
  const w = axisGeometry(inWidth, poolWidth, strideWidth, 1, padding);
  if (h.out <= 0 || w.out <= 0) {
    throw new ShapeError(`${op}: the ${poolHeight}x${poolWidth} pool window is larger than the ${inHeight}x${inWidth} input ${fmtShape(xShape)}`);
  }
  return {
    batch, inHeight, inWidth, channels, outHeight: h.out, outWidth: w.out,
    poolHeight, poolWidth, strideHeight, strideWidth, padTop: h.padBefore, padLeft: w.padBefore,
  };
}
