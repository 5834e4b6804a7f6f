import type { Conv2dGrads, Conv2dInfo, ConvGradsNeeded, FusedActivation } from '../backend';
import { ValueError } from '../../errors';
import { channelSums, reluGrad } from './conv2d_backward';

// Depthwise conv, NHWC: filter [kh, kw, inC, dm] (dm = outC / inC), output channel o = c * dm + m
// reads input channel c = floor(o / dm); flattened, the filter is [kh * kw, outC], so a tap's
// weights lie along the output channels. Taps in the padding are skipped, as TensorFlow.js does.
// Sums run in float32 in tap order (Math.fround of each product, a float32 add at each store), so
// the wasm kernel, which adds f32x4 lanes in the same order, gives the same bits.

/** Input index of a tap along one axis, or -1 when it falls in the padding. */
function source(o: number, k: number, stride: number, pad: number, dilation: number, size: number): number {
  const i = o * stride - pad + k * dilation;
  return i >= 0 && i < size ? i : -1;
}

/**
 * Calls visit(xi, wi, yo) for every output pixel and every in-bounds tap, in order (pixels, then
 * taps row-major): xi the tap's input pixel, wi its row of the flattened [taps, outC] filter, yo the
 * output pixel (flat indices of their first channel); then done(yo) after each pixel's last tap.
 */
function forEachTap(info: Conv2dInfo, visit: (xi: number, wi: number, yo: number) => void, done?: (yo: number) => void): void {
  const { batch, inHeight, inWidth, inChannels: inC, outHeight, outWidth, outChannels: outC, kernelHeight, kernelWidth } = info;
  for (let b = 0, yo = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++, yo += outC) {
        for (let ky = 0; ky < kernelHeight; ky++) {
          const iy = source(oy, ky, info.strideHeight, info.padTop, info.dilationHeight, inHeight);
          if (iy < 0) continue;
          for (let kx = 0; kx < kernelWidth; kx++) {
            const ix = source(ox, kx, info.strideWidth, info.padLeft, info.dilationWidth, inWidth);
            if (ix >= 0) visit(((b * inHeight + iy) * inWidth + ix) * inC, (ky * kernelWidth + kx) * outC, yo);
          }
        }
        done?.(yo);
      }
    }
  }
}

/** y = act(depthwiseConv2d(x, w) + bias). */
export function depthwiseConv2d(
  x: Float32Array, w: Float32Array, info: Conv2dInfo,
  bias?: Float32Array | null, activation?: FusedActivation,
): Float32Array {
  const { inChannels: inC, outChannels: outC } = info;
  const dm = outC / inC;
  const y = new Float32Array(info.batch * info.outHeight * info.outWidth * outC);
  forEachTap(info, (xi, wi, yo) => {
    for (let o = 0; o < outC; o++) y[yo + o] += Math.fround(x[xi + Math.floor(o / dm)] * w[wi + o]);
  }, (yo) => {
    for (let o = 0; o < outC; o++) {
      const v = bias ? Math.fround(y[yo + o] + bias[o]) : y[yo + o];
      y[yo + o] = activation === 'relu' && v < 0 ? 0 : v;
    }
  });
  return y;
}

/** dx[b, iy, ix, c] = sum over the taps (in order) and m of dy[b, oy, ox, c * dm + m] * w[tap, c * dm + m]. */
export function depthwiseConv2dInputGrad(dy: Float32Array, w: Float32Array, info: Conv2dInfo): Float32Array {
  const { batch, inHeight, inWidth, inChannels: inC, outHeight, outWidth, outChannels: outC, kernelHeight, kernelWidth } = info;
  const dm = outC / inC;
  const dx = new Float32Array(batch * inHeight * inWidth * inC);
  // The output row / column a tap reaches from an input position, or -1 (padding or stride gap).
  const target = (i: number, k: number, stride: number, pad: number, dilation: number, size: number): number => {
    const s = i + pad - k * dilation;
    return s >= 0 && s % stride === 0 && s / stride < size ? s / stride : -1;
  };
  for (let b = 0, xo = 0; b < batch; b++) {
    for (let iy = 0; iy < inHeight; iy++) {
      for (let ix = 0; ix < inWidth; ix++, xo += inC) {
        for (let ky = 0; ky < kernelHeight; ky++) {
          const oy = target(iy, ky, info.strideHeight, info.padTop, info.dilationHeight, outHeight);
          if (oy < 0) continue;
          for (let kx = 0; kx < kernelWidth; kx++) {
            const ox = target(ix, kx, info.strideWidth, info.padLeft, info.dilationWidth, outWidth);
            if (ox < 0) continue;
            const yi = ((b * outHeight + oy) * outWidth + ox) * outC;
            const wi = (ky * kernelWidth + kx) * outC;
            for (let c = 0; c < inC; c++) {
              for (let m = 0; m < dm; m++) dx[xo + c] += Math.fround(dy[yi + c * dm + m] * w[wi + c * dm + m]);
            }
          }
        }
      }
    }
  }
  return dx;
}

/** dw[tap, o] = sum over batch and output pixels of x[b, iy, ix, floor(o / dm)] * dy[b, oy, ox, o], in float64. */
export function depthwiseConv2dFilterGrad(x: Float32Array, dy: Float32Array, info: Conv2dInfo): Float32Array {
  const { inChannels: inC, outChannels: outC } = info;
  const dm = outC / inC;
  const acc = new Float64Array(info.kernelHeight * info.kernelWidth * outC);
  forEachTap(info, (xi, wi, yo) => {
    for (let o = 0; o < outC; o++) acc[wi + o] += x[xi + Math.floor(o / dm)] * dy[yo + o];
  });
  return Float32Array.from(acc);
}

/** Backend.depthwiseConv2dBackward: dy masked once by the fused activation, then each needed gradient. */
export function depthwiseConv2dBackward(
  x: Float32Array, w: Float32Array, dy: Float32Array, y: Float32Array | null,
  info: Conv2dInfo, need: ConvGradsNeeded, activation: FusedActivation,
): Conv2dGrads {
  let g = dy;
  if (activation === 'relu') {
    if (!y) throw new ValueError("depthwiseConv2dBackward: activation 'relu' needs the forward output y, got null");
    g = reluGrad(dy, y);
  }
  return {
    dx: need.input ? depthwiseConv2dInputGrad(g, w, info) : null,
    dw: need.filter ? depthwiseConv2dFilterGrad(x, g, info) : null,
    db: need.bias ? channelSums(g, info.outChannels) : null,
  };
}
