import type { Conv2dInfo } from '../backend';
import { gemmInto, type StridedMatrix } from './gemm';
import { col2im, columnChunkRows, columnRows, columnWidth, isPointwise } from './im2col';

/**
 * dx = col2im(dy wᵀ): each output pixel's gradient spread back over its window in column space,
 * then summed into the input where windows overlap. wᵀ is a strided view, never a copy.
 */
export function conv2dInputGrad(dy: Float32Array, w: Float32Array, info: Conv2dInfo): Float32Array {
  const depth = columnWidth(info);
  const rows = columnRows(info);
  const outC = info.outChannels;
  const dx = new Float32Array(info.batch * info.inHeight * info.inWidth * info.inChannels);
  // op(B)[oc, tap] = w[tap, oc].
  const weightsT: StridedMatrix = { data: w, offset: 0, rowStride: 1, colStride: outC };
  const grad: StridedMatrix = { data: dy, offset: 0, rowStride: outC, colStride: 1 };
  if (isPointwise(info)) {
    gemmInto(rows, depth, outC, grad, weightsT, { data: dx, offset: 0, rowStride: depth, colStride: 1 }, false);
    return dx;
  }
  const chunk = columnChunkRows(info);
  const cols = new Float32Array(chunk * depth);
  const colsView: StridedMatrix = { data: cols, offset: 0, rowStride: depth, colStride: 1 };
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start);
    grad.offset = start * outC;
    gemmInto(count, depth, outC, grad, weightsT, colsView, false);
    col2im(cols, info, start, count, dx);
  }
  poisonMissingTaps(w, info, dx);
  return dx;
}

/**
 * TensorFlow (and the wasm kernel) compute dx as a convolution of the zero-inflated, zero-padded
 * dy with the flipped kernel, so a tap that meets padding or a stride gap still multiplies its
 * weight by 0: a NaN or infinite weight makes that input's gradient NaN. col2im skips those
 * taps; this adds their 0 * w terms back, where they are not 0 (only for non-finite weights).
 */
function poisonMissingTaps(w: Float32Array, info: Conv2dInfo, dx: Float32Array): void {
  if (w.every(Number.isFinite)) return;
  const { kernelHeight: kh, kernelWidth: kw, inChannels: ic, outChannels: oc } = info;
  const bad = new Uint8Array(kh * kw * ic); // tap t, input channel c: some w[t, c, :] is not finite
  for (let i = 0; i < w.length; i++) if (!Number.isFinite(w[i])) bad[Math.floor(i / oc)] = 1;
  const source = (i: number, k: number, stride: number, pad: number, dil: number, out: number): boolean => {
    const s = i + pad - k * dil;
    return s >= 0 && s % stride === 0 && s / stride < out;
  };
  for (let b = 0; b < info.batch; b++) {
    for (let iy = 0; iy < info.inHeight; iy++) {
      for (let ix = 0; ix < info.inWidth; ix++) {
        const px = ((b * info.inHeight + iy) * info.inWidth + ix) * ic;
        for (let ky = 0; ky < kh; ky++) {
          const rowOk = source(iy, ky, info.strideHeight, info.padTop, info.dilationHeight, info.outHeight);
          for (let kx = 0; kx < kw; kx++) {
            if (rowOk && source(ix, kx, info.strideWidth, info.padLeft, info.dilationWidth, info.outWidth)) continue;
            const t = (ky * kw + kx) * ic;
            for (let c = 0; c < ic; c++) if (bad[t + c]) dx[px + c] = NaN;
          }
        }
      }
    }
  }
}
