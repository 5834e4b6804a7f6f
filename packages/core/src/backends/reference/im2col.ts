import type { Conv2dInfo } from '../backend';

/**
 * The column matrix of a convolution has one row per output pixel (batch-major, NHWC order) and
 * one column per kernel tap and input channel, ordered (ky, kx, c) like the kernel
 * [kh, kw, inC, outC], which is therefore already the [kh * kw * inC, outC] GEMM operand.
 * Kernels build it a chunk of rows at a time so memory stays bounded whatever the batch.
 */

// 2^20 floats = 4 MB of columns per chunk, whatever the batch: at least 2^20 / (kh*kw*inC)
// rows, so re-packing the weights for each chunk's GEMM costs under 0.1% of it for any layer
// with kh*kw*inC <= 1024. (Reusing one module-level buffer instead of allocating it per call
// measured no difference.)
const COLUMN_BUDGET_FLOATS = 1 << 20;

/** Columns of the column matrix: kh * kw * inC. */
export function columnWidth(info: Conv2dInfo): number {
  return info.kernelHeight * info.kernelWidth * info.inChannels;
}

/** Rows of the column matrix: every output pixel of the batch. */
export function columnRows(info: Conv2dInfo): number {
  return info.batch * info.outHeight * info.outWidth;
}

/** How many column rows one chunk holds. Chunks may split an image; im2col handles any range. */
export function columnChunkRows(info: Conv2dInfo): number {
  const perRow = Math.max(1, columnWidth(info));
  return Math.max(1, Math.min(columnRows(info), Math.floor(COLUMN_BUDGET_FLOATS / perRow)));
}

/** A 1x1, stride-1, unpadded conv: the column matrix is the input itself, no copy needed. */
export function isPointwise(info: Conv2dInfo): boolean {
  return info.kernelHeight === 1 && info.kernelWidth === 1
    && info.strideHeight === 1 && info.strideWidth === 1
    && info.padTop === 0 && info.padLeft === 0
    && info.outHeight === info.inHeight && info.outWidth === info.inWidth;
}

/**
 * Writes column rows [rowStart, rowStart + rowCount) of x (NHWC) into `cols` from index 0.
 * Taps that fall in the padding read as 0.
 */
export function im2col(x: Float32Array, info: Conv2dInfo, rowStart: number, rowCount: number, cols: Float32Array): void {
  const { inHeight, inWidth, inChannels: ch, outHeight, outWidth, kernelHeight, kernelWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = info;
  const tapRow = kernelWidth * ch;
  const denseRow = dilationWidth === 1;
  const perImage = outHeight * outWidth;
  // Walk (b, oy, ox) as an odometer instead of dividing per row.
  let b = Math.floor(rowStart / perImage);
  let oy = Math.floor((rowStart - b * perImage) / outWidth);
  let ox = rowStart - b * perImage - oy * outWidth;
  let o = 0;
  for (let r = 0; r < rowCount; r++) {
    const y0 = oy * strideHeight - padTop;
    const x0 = ox * strideWidth - padLeft;
    for (let ky = 0; ky < kernelHeight; ky++) {
      const iy = y0 + ky * dilationHeight;
      if (iy < 0 || iy >= inHeight) {
        cols.fill(0, o, o + tapRow);
        o += tapRow;
        continue;
      }
      const lineBase = (b * inHeight + iy) * inWidth;
      if (denseRow && x0 >= 0 && x0 + kernelWidth <= inWidth) {
        // The whole kernel row is one contiguous run of x: one loop instead of kw short ones.
        for (let i = 0, s = (lineBase + x0) * ch; i < tapRow; i++) cols[o++] = x[s + i];
        continue;
      }
      for (let kx = 0; kx < kernelWidth; kx++) {
        const ix = x0 + kx * dilationWidth;
        if (ix < 0 || ix >= inWidth) {
          for (let c = 0; c < ch; c++) cols[o++] = 0;
        } else {
          for (let c = 0, s = (lineBase + ix) * ch; c < ch; c++) cols[o++] = x[s + c];
        }
      }
    }
    if (++ox === outWidth) {
      ox = 0;
      if (++oy === outHeight) { oy = 0; b++; }
    }
  }
}

/**
 * The adjoint of im2col: adds column rows [rowStart, rowStart + rowCount) of `cols` back into
 * dx (NHWC), summing where windows overlap. Padding taps are dropped.
 */
export function col2im(cols: Float32Array, info: Conv2dInfo, rowStart: number, rowCount: number, dx: Float32Array): void {
  const { inHeight, inWidth, inChannels: ch, outHeight, outWidth, kernelHeight, kernelWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = info;
  const tapRow = kernelWidth * ch;
  const denseRow = dilationWidth === 1;
  const perImage = outHeight * outWidth;
  let b = Math.floor(rowStart / perImage);
  let oy = Math.floor((rowStart - b * perImage) / outWidth);
  let ox = rowStart - b * perImage - oy * outWidth;
  let o = 0;
  for (let r = 0; r < rowCount; r++) {
    const y0 = oy * strideHeight - padTop;
    const x0 = ox * strideWidth - padLeft;
    for (let ky = 0; ky < kernelHeight; ky++) {
      const iy = y0 + ky * dilationHeight;
      if (iy < 0 || iy >= inHeight) {
        o += tapRow;
        continue;
      }
      const lineBase = (b * inHeight + iy) * inWidth;
      if (denseRow && x0 >= 0 && x0 + kernelWidth <= inWidth) {
        for (let i = 0, d = (lineBase + x0) * ch; i < tapRow; i++) dx[d + i] += cols[o++];
        continue;
      }
      for (let kx = 0; kx < kernelWidth; kx++) {
        const ix = x0 + kx * dilationWidth;
        if (ix < 0 || ix >= inWidth) {
          o += ch;
        } else {
          for (let c = 0, d = (lineBase + ix) * ch; c < ch; c++) dx[d + c] += cols[o++];
        }
      }
    }
    if (++ox === outWidth) {
      ox = 0;
      if (++oy === outHeight) { oy = 0; b++; }
    }
  }
}
