import { referenceBackend, wasmBackend, type Conv2dInfo } from '../../../src';
import { conv2dFilterSize, conv2dInputSize, conv2dOutputSize, expectAllClose, makeConv2dInfo } from '../../helpers/naive_kernels';
import { VARIANTS, randomArray, withSettings } from '../../helpers/wasm_setup';
import { convFilterGrad, convInputGrad } from '../../helpers/conv_grads';

const conv = (
  batch: number, inHeight: number, inWidth: number, inChannels: number, outChannels: number,
  kernelHeight: number, kernelWidth: number, rest: { strides?: number; dilations?: number; padding?: 'valid' | 'same' } = {},
): Conv2dInfo => makeConv2dInfo({ batch, inHeight, inWidth, inChannels, outChannels, kernelHeight, kernelWidth, padding: 'valid', ...rest });

// Channel counts off the 4x8 tile and the 4-channel packing vectors, strides 2 and 3, 'same'
// padding (odd extra pixel after), dilation, non-square kernels, batch 1, 1x1 kernels.
const CASES: Array<[string, Conv2dInfo]> = [
  ['3x3 valid', conv(2, 9, 7, 3, 5, 3, 3)],
  ['3x2 stride 2 same', conv(2, 9, 8, 4, 17, 3, 2, { strides: 2, padding: 'same' })],
  ['3x3 dilation 2 same, batch 1', conv(1, 10, 11, 7, 9, 3, 3, { dilations: 2, padding: 'same' })],
  ['5x5 stride 2 valid', conv(3, 13, 12, 8, 16, 5, 5, { strides: 2 })],
  ['1x1, 33 channels in, 1 out', conv(2, 5, 6, 33, 1, 1, 1)],
  ['1 channel in, 63 filters, same', conv(1, 12, 12, 1, 63, 3, 3, { padding: 'same' })],
  ['stride 3 dilation 2 same', conv(2, 17, 15, 6, 12, 2, 3, { strides: 3, dilations: 2, padding: 'same' })],
  ['large enough to run in parallel', conv(4, 20, 20, 16, 24, 3, 3, { padding: 'same' })],
];

describe.each(VARIANTS)('wasm conv2d (%s)', (variant) => {
  it.each(CASES)('forward, input grad and filter grad match the reference: %s', (name, info) => {
    const x = randomArray(conv2dInputSize(info), `x${name}`);
    const w = randomArray(conv2dFilterSize(info), `w${name}`);
    const dy = randomArray(conv2dOutputSize(info), `dy${name}`);
    const bias = randomArray(info.outChannels, `b${name}`);
    withSettings(variant, 2, () => {
      expectAllClose(wasmBackend.conv2d(x, w, info), referenceBackend.conv2d(x, w, info));
      expectAllClose(wasmBackend.conv2d(x, w, info, bias, 'relu'), referenceBackend.conv2d(x, w, info, bias, 'relu'));
      expectAllClose(convInputGrad(wasmBackend, dy, w, info), convInputGrad(referenceBackend, dy, w, info));
      expectAllClose(convFilterGrad(wasmBackend, x, dy, info), convFilterGrad(referenceBackend, x, dy, info));
    });
  });
});
