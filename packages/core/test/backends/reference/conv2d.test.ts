import type { Conv2dInfo } from '../../../src/backends/backend';
import { conv2d } from '../../../src/backends/reference/conv2d';
import { conv2dFilterGrad } from '../../../src/backends/reference/conv2d_filter_grad';
import { conv2dInputGrad } from '../../../src/backends/reference/conv2d_input_grad';
import { columnChunkRows, columnRows } from '../../../src/backends/reference/im2col';
import {
  conv2dFilterSize, conv2dInputSize, conv2dOutputSize, expectAllClose, makeConv2dInfo, makeTestRng,
  naiveConv2d, naiveConv2dFilterGrad, naiveConv2dInputGrad, randomFloats, type Conv2dSpec,
} from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-conv2d');

const specs: [string, Conv2dSpec][] = [
  ['valid 3x3, 1 -> 3 channels, odd 7x9', { batch: 1, inHeight: 7, inWidth: 9, inChannels: 1, outChannels: 3, kernelHeight: 3, kernelWidth: 3, padding: 'valid' }],
  ['same 3x3, batch 3, 3 -> 8', { batch: 3, inHeight: 5, inWidth: 5, inChannels: 3, outChannels: 8, kernelHeight: 3, kernelWidth: 3, padding: 'same' }],
  ['same 3x3 stride 2, 8 -> 3, odd 9x7', { batch: 1, inHeight: 9, inWidth: 7, inChannels: 8, outChannels: 3, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same' }],
  ['valid 3x2 stride 2, batch 3, 3 -> 1', { batch: 3, inHeight: 11, inWidth: 8, inChannels: 3, outChannels: 1, kernelHeight: 3, kernelWidth: 2, strides: 2, padding: 'valid' }],
  ['same 3x2 dilation 2, 8 -> 8', { batch: 1, inHeight: 9, inWidth: 9, inChannels: 8, outChannels: 8, kernelHeight: 3, kernelWidth: 2, dilations: 2, padding: 'same' }],
  ['valid 3x3 dilation 2, batch 3, 1 -> 8', { batch: 3, inHeight: 11, inWidth: 13, inChannels: 1, outChannels: 8, kernelHeight: 3, kernelWidth: 3, dilations: 2, padding: 'valid' }],
  ['same 2x2 stride 2 (odd pad after), 3 -> 3', { batch: 3, inHeight: 7, inWidth: 6, inChannels: 3, outChannels: 3, kernelHeight: 2, kernelWidth: 2, strides: 2, padding: 'same' }],
  ['same 3x3 stride (2, 1) dilation (1, 2), 3 -> 8', { batch: 1, inHeight: 10, inWidth: 9, inChannels: 3, outChannels: 8, kernelHeight: 3, kernelWidth: 3, strides: [2, 1], dilations: [1, 2], padding: 'same' }],
  ['same 5x5 stride 2 on a 3x3 input', { batch: 1, inHeight: 3, inWidth: 3, inChannels: 3, outChannels: 3, kernelHeight: 5, kernelWidth: 5, strides: 2, padding: 'same' }],
  ['pointwise 1x1, batch 3, 8 -> 3', { batch: 3, inHeight: 5, inWidth: 4, inChannels: 8, outChannels: 3, kernelHeight: 1, kernelWidth: 1, padding: 'same' }],
  ['1x1 stride 2, skipping pixels', { batch: 1, inHeight: 7, inWidth: 7, inChannels: 3, outChannels: 8, kernelHeight: 1, kernelWidth: 1, strides: 2, padding: 'valid' }],
  ['valid 2x2 stride 3, stride past the kernel', { batch: 3, inHeight: 8, inWidth: 9, inChannels: 1, outChannels: 3, kernelHeight: 2, kernelWidth: 2, strides: 3, padding: 'valid' }],
];
const cases: [string, Conv2dInfo][] = specs.map(([name, spec]) => [name, makeConv2dInfo(spec)]);

// Big enough that the column matrix is built in two chunks, the second starting mid-image and
// reusing the buffer, with padding rows in both.
const chunked = makeConv2dInfo({ batch: 3, inHeight: 72, inWidth: 72, inChannels: 8, outChannels: 8, kernelHeight: 3, kernelWidth: 3, padding: 'same' });

describe('reference conv2d', () => {
  it.each(cases)('%s', (_name, info) => {
    const x = randomFloats(rng, conv2dInputSize(info));
    const w = randomFloats(rng, conv2dFilterSize(info));
    expectAllClose(conv2d(x, w, info), naiveConv2d(x, w, info));
  });

  it.each(cases)('%s, with fused bias and relu', (_name, info) => {
    const x = randomFloats(rng, conv2dInputSize(info));
    const w = randomFloats(rng, conv2dFilterSize(info));
    const bias = randomFloats(rng, info.outChannels);
    const got = conv2d(x, w, info, bias, 'relu');
    expectAllClose(got, naiveConv2d(x, w, info, bias, 'relu'));
    expect(got.some((v) => v === 0) && got.some((v) => v > 0)).toBe(true);
  });

  it('matches a convolution worked by hand', () => {
    const info = makeConv2dInfo({ batch: 1, inHeight: 3, inWidth: 3, inChannels: 1, outChannels: 1, kernelHeight: 2, kernelWidth: 2, padding: 'valid' });
    const x = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const w = new Float32Array([1, 0, 0, 1]); // y = x[i, j] + x[i + 1, j + 1]
    expect(Array.from(conv2d(x, w, info, new Float32Array([0.5])))).toEqual([6.5, 8.5, 12.5, 14.5]);
  });
});

describe('reference conv2dInputGrad', () => {
  it.each(cases)('%s', (_name, info) => {
    const dy = randomFloats(rng, conv2dOutputSize(info));
    const w = randomFloats(rng, conv2dFilterSize(info));
    expectAllClose(conv2dInputGrad(dy, w, info), naiveConv2dInputGrad(dy, w, info));
  });
});

describe('reference conv2dFilterGrad', () => {
  it.each(cases)('%s', (_name, info) => {
    const x = randomFloats(rng, conv2dInputSize(info));
    const dy = randomFloats(rng, conv2dOutputSize(info));
    expectAllClose(conv2dFilterGrad(x, dy, info), naiveConv2dFilterGrad(x, dy, info));
  });
});

describe('reference conv2d kernels across column chunks', () => {
  const x = randomFloats(rng, conv2dInputSize(chunked));
  const w = randomFloats(rng, conv2dFilterSize(chunked));
  const dy = randomFloats(rng, conv2dOutputSize(chunked));

  it('really uses more than one chunk, split inside an image', () => {
    const chunk = columnChunkRows(chunked);
    expect(chunk).toBeLessThan(columnRows(chunked));
    expect(chunk % (chunked.outHeight * chunked.outWidth)).not.toBe(0);
  });
  it('forward', () => {
    const bias = randomFloats(rng, chunked.outChannels);
    expectAllClose(conv2d(x, w, chunked, bias, 'relu'), naiveConv2d(x, w, chunked, bias, 'relu'));
  });
  it('input grad', () => expectAllClose(conv2dInputGrad(dy, w, chunked), naiveConv2dInputGrad(dy, w, chunked)));
  it('filter grad', () => expectAllClose(conv2dFilterGrad(x, dy, chunked), naiveConv2dFilterGrad(x, dy, chunked)));
});
