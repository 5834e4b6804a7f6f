import type { Pool2dInfo } from '../backend';
import { windowCounts } from '../pool_windows';

/**
 * Average pool, NHWC: each window's in-image taps summed in float32 in row-major window order
 * (channels innermost), then divided by their count. NaN and Infinity propagate through the sum.
 */
export function avgPool2d(x: Float32Array, info: Pool2dInfo): Float32Array {
  const { batch, inHeight, inWidth, channels: ch, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, padTop, padLeft } = info;
  const rows = windowCounts(outHeight, inHeight, info.poolHeight, strideHeight, padTop, 'avgPool2d', 'row');
  const cols = windowCounts(outWidth, inWidth, info.poolWidth, strideWidth, padLeft, 'avgPool2d', 'column');
  const y = new Float32Array(batch * outHeight * outWidth * ch);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const yStart = Math.max(0, oy * strideHeight - padTop);
      for (let ox = 0; ox < outWidth; ox++, o += ch) {
        const xStart = Math.max(0, ox * strideWidth - padLeft);
        // y is a Float32Array: every += rounds to float32, as the wasm kernel's f32x4 adds do.
        for (let iy = yStart; iy < yStart + rows[oy]; iy++) {
          for (let ix = xStart; ix < xStart + cols[ox]; ix++) {
            const s = ((b * inHeight + iy) * inWidth + ix) * ch;
            for (let c = 0; c < ch; c++) y[o + c] += x[s + c];
          }
        }
        const count = rows[oy] * cols[ox];
        for (let c = 0; c < ch; c++) y[o + c] /= count;
      }
    }
  }
  return y;
}

/** First and one-past-last output index whose window covers input index i along one axis. */
export function coveringOutputs(i: number, outSize: number, pool: number, stride: number, pad: number): [number, number] {
  const first = Math.max(0, Math.ceil((i + pad - pool + 1) / stride));
  const end = Math.min(outSize, Math.floor((i + pad) / stride) + 1);
  return [first, end];
}

/**
 * dx, gathered: each input sums dy / count of every window that covers it, in float32, windows
 * in row-major output order. A gather (not a scatter) so rows of dx are independent tasks.
 */
export function avgPool2dGrad(dy: Float32Array, info: Pool2dInfo): Float32Array {
  const { batch, inHeight, inWidth, channels: ch, outHeight, outWidth } = info;
  const { poolHeight, poolWidth, strideHeight, strideWidth, padTop, padLeft } = info;
  const rows = windowCounts(outHeight, inHeight, poolHeight, strideHeight, padTop, 'avgPool2dGrad', 'row');
  const cols = windowCounts(outWidth, inWidth, poolWidth, strideWidth, padLeft, 'avgPool2dGrad', 'column');
  const dx = new Float32Array(batch * inHeight * inWidth * ch);
  let i = 0;
  for (let b = 0; b < batch; b++) {
    for (let iy = 0; iy < inHeight; iy++) {
      const [oyFirst, oyEnd] = coveringOutputs(iy, outHeight, poolHeight, strideHeight, padTop);
      for (let ix = 0; ix < inWidth; ix++, i += ch) {
        const [oxFirst, oxEnd] = coveringOutputs(ix, outWidth, poolWidth, strideWidth, padLeft);
        for (let oy = oyFirst; oy < oyEnd; oy++) {
          for (let ox = oxFirst; ox < oxEnd; ox++) {
            const s = ((b * outHeight + oy) * outWidth + ox) * ch;
            const count = rows[oy] * cols[ox];
            for (let c = 0; c < ch; c++) dx[i + c] += Math.fround(dy[s + c] / count);
          }
        }
      }
    }
  }
  return dx;
}
