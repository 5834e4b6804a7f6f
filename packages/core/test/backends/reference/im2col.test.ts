import { col2im, columnChunkRows, columnRows, columnWidth, im2col, isPointwise } from '../../../src/backends/reference/im2col';
import type { Conv2dInfo } from '../../../src/backends/backend';
import { conv2dInputSize, dot, expectAllClose, makeConv2dInfo, makeTestRng, randomFloats } from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-im2col');

const infos: [string, Conv2dInfo][] = [
  ['same 3x3 stride 2', makeConv2dInfo({ batch: 2, inHeight: 7, inWidth: 6, inChannels: 3, outChannels: 1, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same' })],
  ['valid 3x2 dilation 2', makeConv2dInfo({ batch: 3, inHeight: 9, inWidth: 8, inChannels: 2, outChannels: 1, kernelHeight: 3, kernelWidth: 2, dilations: 2, padding: 'valid' })],
  ['same 2x2 stride 1', makeConv2dInfo({ batch: 1, inHeight: 5, inWidth: 5, inChannels: 1, outChannels: 1, kernelHeight: 2, kernelWidth: 2, padding: 'same' })],
];

describe('im2col', () => {
  it.each(infos)('%s: a row of columns is the window of x, zeros in the padding', (_name, info) => {
    const x = randomFloats(rng, conv2dInputSize(info));
    const rows = columnRows(info);
    const width = columnWidth(info);
    // Kernels reuse the buffer across chunks, so every element must be written, zeros included.
    const cols = new Float32Array(rows * width).fill(NaN);
    im2col(x, info, 0, rows, cols);
    const expected = new Float32Array(cols.length);
    const { inHeight, inWidth, inChannels, outHeight, outWidth } = info;
    let o = 0;
    for (let r = 0; r < rows; r++) {
      const b = Math.floor(r / (outHeight * outWidth));
      const oy = Math.floor(r / outWidth) % outHeight;
      const ox = r % outWidth;
      for (let ky = 0; ky < info.kernelHeight; ky++) {
        for (let kx = 0; kx < info.kernelWidth; kx++) {
          const iy = oy * info.strideHeight - info.padTop + ky * info.dilationHeight;
          const ix = ox * info.strideWidth - info.padLeft + kx * info.dilationWidth;
          const inside = iy >= 0 && iy < inHeight && ix >= 0 && ix < inWidth;
          for (let c = 0; c < inChannels; c++) {
            expected[o++] = inside ? x[((b * inHeight + iy) * inWidth + ix) * inChannels + c] : 0;
          }
        }
      }
    }
    expect(cols).toEqual(expected);
  });

  it.each(infos)('%s: any row range, even one splitting an image, matches the whole matrix', (_name, info) => {
    const x = randomFloats(rng, conv2dInputSize(info));
    const rows = columnRows(info);
    const width = columnWidth(info);
    const whole = new Float32Array(rows * width);
    im2col(x, info, 0, rows, whole);
    const ranges = [[0, 1], [5, 7], [rows - 4, 4], [info.outWidth - 1, info.outHeight * info.outWidth + 2]];
    for (const [start, wanted] of ranges) {
      const count = Math.min(wanted, rows - start);
      const part = new Float32Array(count * width);
      im2col(x, info, start, count, part);
      expect(part).toEqual(whole.subarray(start * width, (start + count) * width));
    }
  });

  it.each(infos)('%s: col2im is the adjoint of im2col', (_name, info) => {
    // <im2col(x), c> = <x, col2im(c)> for all x, c: col2im must sum overlaps and drop padding.
    const x = randomFloats(rng, conv2dInputSize(info));
    const rows = columnRows(info);
    const c = randomFloats(rng, rows * columnWidth(info));
    const cols = new Float32Array(c.length);
    im2col(x, info, 0, rows, cols);
    const back = new Float32Array(x.length);
    // In two ranges, to check that col2im accumulates into dx.
    const split = Math.floor(rows / 2) + 1;
    col2im(c, info, 0, split, back);
    col2im(c.subarray(split * columnWidth(info)), info, split, rows - split, back);
    expectAllClose([dot(cols, c)], [dot(x, back)], 1e-6);
  });
});

describe('column chunking', () => {
  it('bounds a chunk to about 2^20 floats and never to zero rows', () => {
    const big = makeConv2dInfo({ batch: 32, inHeight: 46, inWidth: 46, inChannels: 32, outChannels: 64, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
    expect(columnChunkRows(big) * columnWidth(big)).toBeLessThanOrEqual(1 << 20);
    expect(columnChunkRows(big)).toBeLessThan(columnRows(big));
    const huge = makeConv2dInfo({ batch: 1, inHeight: 3, inWidth: 3, inChannels: 1 << 18, outChannels: 1, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
    expect(columnChunkRows(huge)).toBe(1);
    const small = makeConv2dInfo({ batch: 2, inHeight: 5, inWidth: 5, inChannels: 3, outChannels: 1, kernelHeight: 3, kernelWidth: 3, padding: 'same' });
    expect(columnChunkRows(small)).toBe(columnRows(small));
  });

  it('recognises the pointwise conv whose columns are x itself', () => {
    const spec = { batch: 2, inHeight: 5, inWidth: 4, inChannels: 3, outChannels: 2, kernelHeight: 1, kernelWidth: 1 } as const;
    expect(isPointwise(makeConv2dInfo({ ...spec, padding: 'same' }))).toBe(true);
    expect(isPointwise(makeConv2dInfo({ ...spec, padding: 'valid', strides: 2 }))).toBe(false);
    expect(isPointwise(makeConv2dInfo({ ...spec, kernelHeight: 3, padding: 'valid' }))).toBe(false);
  });
});
