import type { Conv2dInfo } from '../backend';
import { gemmInto, type StridedMatrix } from './gemm';
import { columnChunkRows, columnRows, columnWidth, im2col, isPointwise } from './im2col';

/**
 * dw = columns(x)ᵀ dy, [kh*kw*inC, outC] = [kh, kw, inC, outC]. The sum over output pixels is the
 * GEMM's depth, so each chunk of columns adds its share into dw in place.
 */
export function conv2dFilterGrad(x: Float32Array, dy: Float32Array, info: Conv2dInfo): Float32Array {
  const depth = columnWidth(info);
  const rows = columnRows(info);
  const outC = info.outChannels;
  const dw = new Float32Array(depth * outC);
  const out: StridedMatrix = { data: dw, offset: 0, rowStride: outC, colStride: 1 };
  const grad: StridedMatrix = { data: dy, offset: 0, rowStride: outC, colStride: 1 };
  if (isPointwise(info)) {
    // op(A)[tap, pixel] = x[pixel, tap].
    gemmInto(depth, outC, rows, { data: x, offset: 0, rowStride: 1, colStride: depth }, grad, out, false);
    return dw;
  }
  const chunk = columnChunkRows(info);
  const cols = new Float32Array(chunk * depth);
  const colsT: StridedMatrix = { data: cols, offset: 0, rowStride: 1, colStride: depth };
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start);
    im2col(x, info, start, count, cols);
    grad.offset = start * outC;
    gemmInto(depth, outC, count, colsT, grad, out, start > 0);
  }
  return dw;
}
