import type { Pool2dInfo } from '../backend';
import { ValueError } from '../../errors';

/**
 * Max pool, NHWC. The window is clipped to the input before scanning, so padding never wins
 * (TensorFlow pads with -inf, which is the same thing). Taps are scanned in row-major window
 * order with channels innermost, so reads stay contiguous and the first max keeps its index.
 */
export function maxPool2d(x: Float32Array, info: Pool2dInfo): { y: Float32Array; argmax: Int32Array } {
  const { batch, inHeight, inWidth, channels: ch, outHeight, outWidth } = info;
  const { poolHeight, poolWidth, strideHeight, strideWidth, padTop, padLeft } = info;
  const y = new Float32Array(batch * outHeight * outWidth * ch);
  const argmax = new Int32Array(y.length);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padTop;
      const yStart = Math.max(0, y0);
      const yEnd = Math.min(inHeight, y0 + poolHeight);
      for (let ox = 0; ox < outWidth; ox++, o += ch) {
        const x0 = ox * strideWidth - padLeft;
        const xStart = Math.max(0, x0);
        const xEnd = Math.min(inWidth, x0 + poolWidth);
        if (yStart >= yEnd || xStart >= xEnd) {
          throw new ValueError(`maxPool2d: output (${oy}, ${ox}) has a window entirely in the padding`);
        }
        // The first tap initialises the output, so every argmax is a real input index.
        const first = ((b * inHeight + yStart) * inWidth + xStart) * ch;
        for (let c = 0; c < ch; c++) {
          y[o + c] = x[first + c];
          argmax[o + c] = first + c;
        }
        for (let iy = yStart; iy < yEnd; iy++) {
          for (let ix = iy === yStart ? xStart + 1 : xStart; ix < xEnd; ix++) {
            const s = ((b * inHeight + iy) * inWidth + ix) * ch;
            for (let c = 0; c < ch; c++) {
              const v = x[s + c];
              const best = y[o + c];
              // NaN wins once and then sticks, as in the reduce kernel's max.
              if (v > best || (v !== v && best === best)) {
                y[o + c] = v;
                argmax[o + c] = s + c;
              }
            }
          }
        }
      }
    }
  }
  return { y, argmax };
}

/** dx: each dy added at its argmax, so an input that wins several overlapping windows sums them. */
export function maxPool2dGrad(dy: Float32Array, argmax: Int32Array, info: Pool2dInfo): Float32Array {
  const dx = new Float32Array(info.batch * info.inHeight * info.inWidth * info.channels);
  for (let i = 0; i < dy.length; i++) dx[argmax[i]] += dy[i];
  return dx;
}
