import type { Conv2dInfo, FusedActivation } from '../backend';
import { gemmInto, type StridedMatrix } from './gemm';
import { columnChunkRows, columnRows, columnWidth, im2col, isPointwise } from './im2col';

/**
 * y = act(conv2d(x, w) + bias), NHWC, as columns(x) [rows, kh*kw*inC] times w [kh*kw*inC, outC].
 * The GEMM writes each chunk straight into its rows of y and applies bias and relu as it
 * stores, so y is written once.
 */
export function conv2d(
  x: Float32Array, w: Float32Array, info: Conv2dInfo,
  bias?: Float32Array | null, activation?: FusedActivation,
): Float32Array {
  const depth = columnWidth(info);
  const rows = columnRows(info);
  const outC = info.outChannels;
  const y = new Float32Array(rows * outC);
  const weights: StridedMatrix = { data: w, offset: 0, rowStride: outC, colStride: 1 };
  const out: StridedMatrix = { data: y, offset: 0, rowStride: outC, colStride: 1 };
  if (isPointwise(info)) {
    const input: StridedMatrix = { data: x, offset: 0, rowStride: depth, colStride: 1 };
    gemmInto(rows, outC, depth, input, weights, out, false, bias, activation);
    return y;
  }
  const chunk = columnChunkRows(info);
  const cols = new Float32Array(chunk * depth);
  const colsView: StridedMatrix = { data: cols, offset: 0, rowStride: depth, colStride: 1 };
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start);
    im2col(x, info, start, count, cols);
    out.offset = start * outC;
    gemmInto(count, outC, depth, colsView, weights, out, false, bias, activation);
  }
  return y;
}
