// Convolutions with few filter rows (kh * kw * inC), the shapes of the direct first-layer kernels
// (assembly/f32_conv2d_4x8_wasmsimd.ts forward, f32_conv2d_filter_grad_9x4_wasmsimd.ts filter
// gradient): pixel tails (widths off the 4-pixel tile), channel tails (off the 4- and 8-channel
// tiles), filter rows around the 9-row passes, strides, dilations, padding, and one filter past
// the 27 rows the direct kernels take.
import type { Conv2dInfo } from '../../src';
import { makeConv2dInfo, type Conv2dSpec } from './naive_kernels';

/** Filter rows up to which conv2d and conv2dBackward use the direct kernels. */
export { DIRECT_MAX_ROWS } from '../../src/backends/wasm/conv2d';

/** A small conv (batch 2, 9x11 input, valid padding unless `s` says otherwise). */
export const fewRowConv = (s: Partial<Conv2dSpec> & Pick<Conv2dSpec, 'inChannels' | 'outChannels' | 'kernelHeight' | 'kernelWidth'>): Conv2dInfo =>
  makeConv2dInfo({ batch: 2, inHeight: 9, inWidth: 11, padding: 'valid', ...s });

export const filterRows = (info: Conv2dInfo): number => info.kernelHeight * info.kernelWidth * info.inChannels;

export const FEW_ROW_CONVS: Array<[string, Conv2dInfo]> = [
  ['3x3x1 -> 32 (the first layer: 9 rows), width 9: two 4-pixel tiles and a tail', fewRowConv({ inChannels: 1, outChannels: 32, kernelHeight: 3, kernelWidth: 3 })],
  ['1x1x1 -> 1 (one row, one scalar channel)', fewRowConv({ inChannels: 1, outChannels: 1, kernelHeight: 1, kernelWidth: 1 })],
  ['2x2x2 -> 3 (8 rows, scalar channel tail only), width 10', fewRowConv({ inChannels: 2, outChannels: 3, kernelHeight: 2, kernelWidth: 2 })],
  ['3x3x2 -> 5, same padding (18 rows, zero rows and columns)', fewRowConv({ inChannels: 2, outChannels: 5, kernelHeight: 3, kernelWidth: 3, padding: 'same' })],
  ['3x3x3 -> 7, stride 2, same (27 rows, odd size)', fewRowConv({ inChannels: 3, outChannels: 7, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same', inHeight: 10, inWidth: 13 })],
  ['3x3x3 -> 12, stride 2, same (27 rows, channels 8 + 4)', fewRowConv({ inChannels: 3, outChannels: 12, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same', inHeight: 10, inWidth: 13 })],
  ['5x5x1 -> 12, dilation 2, same (25 rows)', fewRowConv({ inChannels: 1, outChannels: 12, kernelHeight: 5, kernelWidth: 5, dilations: 2, padding: 'same' })],
  ['5x5x1 -> 9, dilation 2, same (channels 8 + 1)', fewRowConv({ inChannels: 1, outChannels: 9, kernelHeight: 5, kernelWidth: 5, dilations: 2, padding: 'same' })],
  ['3x1x3 -> 4, strides [2, 3] (9 rows)', fewRowConv({ inChannels: 3, outChannels: 4, kernelHeight: 3, kernelWidth: 1, strides: [2, 3] })],
  ['1x5x2 -> 9, dilation [1, 2], same (10 rows)', fewRowConv({ inChannels: 2, outChannels: 9, kernelHeight: 1, kernelWidth: 5, dilations: [1, 2], padding: 'same' })],
  ['1x5x2 -> 7, dilation [1, 2], same', fewRowConv({ inChannels: 2, outChannels: 7, kernelHeight: 1, kernelWidth: 5, dilations: [1, 2], padding: 'same' })],
  ['3x3x1 -> 16, kernel taller than the image, same', fewRowConv({ inChannels: 1, outChannels: 16, kernelHeight: 3, kernelWidth: 3, padding: 'same', inHeight: 2, inWidth: 3 })],
  ['7x7x1 -> 8, same, kernel wider than the image (49 rows: the GEMM path)', fewRowConv({ inChannels: 1, outChannels: 8, kernelHeight: 7, kernelWidth: 7, padding: 'same', inHeight: 3, inWidth: 4 })],
  ['3x3x4 -> 8 (36 rows: the GEMM path)', fewRowConv({ inChannels: 4, outChannels: 8, kernelHeight: 3, kernelWidth: 3 })],
];
