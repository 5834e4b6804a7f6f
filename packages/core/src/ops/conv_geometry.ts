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

/**
 * Output length of a transposed convolution along one axis, Keras's deconv_output_length: with no
 * outputPadding, 'valid' gives in * s + max(effK - s, 0) and 'same' in * s; with one,
 * (in - 1) * s + effK - 2 * pad + outputPadding, pad = floor(effK / 2) for 'same', 0 for 'valid'.
 */
export function deconvOutputLength(inSize: number, k: number, s: number, d: number, padding: Padding, outputPadding: number | null): number {
  const effK = (k - 1) * d + 1;
  if (outputPadding === null) return padding === 'valid' ? inSize * s + Math.max(effK - s, 0) : inSize * s;
  const pad = padding === 'same' ? Math.floor(effK / 2) : 0;
  return (inSize - 1) * s + effK - 2 * pad + outputPadding;
}

/**
 * Geometry of a transposed conv of x [b, h, w, inC] by filter [kh, kw, filters, inC] (Keras's
 * layout), as the convolution it transposes: that conv's input is the transposed conv's output
 * [b, outH, outW, filters] (sizes by deconvOutputLength), its output is x, its padding is
 * TensorFlow's rule on those sizes (as TensorFlow's conv2d_backprop_input, which Keras calls).
 */
export function conv2dTransposeInfo(
  xShape: readonly number[], wShape: readonly number[],
  strides: Pair, padding: string, outputPadding: Pair | null, dilationRate: Pair, op = 'conv2dTranspose',
): Conv2dInfo {
  if (xShape.length !== 4) throw new ShapeError(`${op}: input must be rank 4 [batch, height, width, channels], got ${fmtShape(xShape)}`);
  if (wShape.length !== 4) throw new ShapeError(`${op}: filter must be rank 4 [kh, kw, filters, inChannels], got ${fmtShape(wShape)}`);
  checkPadding(padding, op);
  const [batch, inHeight, inWidth, inChannels] = xShape;
  const [kernelHeight, kernelWidth, filters, wIn] = wShape;
  if (wIn !== inChannels) {
    throw new ShapeError(`${op}: input has ${inChannels} channels (shape ${fmtShape(xShape)}) but the filter ${fmtShape(wShape)} expects ${wIn}`);
  }
  const s = pair(strides, op, 'strides');
  const d = pair(dilationRate, op, 'dilationRate');
  const extra = outputPadding === null ? null : typeof outputPadding === 'number' ? [outputPadding, outputPadding] : [...outputPadding];
  if (extra && !(extra.length === 2 && extra.every((p, i) => Number.isInteger(p) && p >= 0 && p < Math.max(s[i], d[i])))) {
    throw new ValueError(`${op}: outputPadding must be non-negative integers each below its stride (or dilation), got ${JSON.stringify(outputPadding)} with strides [${s.join(', ')}]`);
  }
  const size = [inHeight, inWidth].map((n, i) => deconvOutputLength(n, [kernelHeight, kernelWidth][i], s[i], d[i], padding, extra ? extra[i] : null));
  const info = conv2dInfo([batch, size[0], size[1], filters], [kernelHeight, kernelWidth, filters, inChannels], s, padding, d, op);
  if (info.outHeight !== inHeight || info.outWidth !== inWidth) {
    throw new ShapeError(`${op}: a ${padding} conv of the ${size[0]}x${size[1]} output would give ${info.outHeight}x${info.outWidth}, not the ${inHeight}x${inWidth} input`);
  }
  return info;
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
