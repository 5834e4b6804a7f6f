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
  return dx;
}
