import { ValueError, type Conv2dInfo } from '../../../src';
import { depthwiseConv2d, depthwiseConv2dBackward } from '../../../src/backends/reference/depthwise_conv2d';
import {
  conv2dInputSize, conv2dOutputSize, expectAllClose, makeDepthwiseInfo, depthwiseFilterSize, makeTestRng, naiveDepthwiseConv2d,
  naiveDepthwiseConv2dFilterGrad, naiveDepthwiseConv2dInputGrad, randomFloats,
} from '../../helpers/naive_kernels';

const CASES: Array<[string, Conv2dInfo]> = [
  ['3x3 valid, 3 channels, dm 1', makeDepthwiseInfo({ batch: 2, inHeight: 7, inWidth: 6, inChannels: 3, kernelHeight: 3, kernelWidth: 3, padding: 'valid' }, 1)],
  ['3x2 same stride 2, 5 channels, dm 2', makeDepthwiseInfo({ batch: 1, inHeight: 9, inWidth: 7, inChannels: 5, kernelHeight: 3, kernelWidth: 2, strides: 2, padding: 'same' }, 2)],
  ['dilation 2 same, 6 channels, dm 3', makeDepthwiseInfo({ batch: 2, inHeight: 6, inWidth: 8, inChannels: 6, kernelHeight: 3, kernelWidth: 3, dilations: 2, padding: 'same' }, 3)],
  ['stride [1, 3] same, 1 channel', makeDepthwiseInfo({ batch: 3, inHeight: 5, inWidth: 10, inChannels: 1, kernelHeight: 2, kernelWidth: 4, strides: [1, 3], padding: 'same' }, 1)],
];

describe('reference depthwiseConv2d', () => {
  it.each(CASES)('forward and all three gradients match the float64 oracle: %s', (name, info) => {
    const rng = makeTestRng(`ref-dw-${name}`);
    const x = randomFloats(rng, conv2dInputSize(info));
    const w = randomFloats(rng, depthwiseFilterSize(info));
    const bias = randomFloats(rng, info.outChannels);
    const dy = randomFloats(rng, conv2dOutputSize(info));
    const y = depthwiseConv2d(x, w, info, bias, 'relu');
    expectAllClose(y, naiveDepthwiseConv2d(x, w, info, bias, 'relu'));
    expectAllClose(depthwiseConv2d(x, w, info), naiveDepthwiseConv2d(x, w, info));
    const masked = dy.map((d, i) => (y[i] > 0 ? d : 0));
    const g = depthwiseConv2dBackward(x, w, dy, y, info, { input: true, filter: true, bias: true }, 'relu');
    expectAllClose(g.dx as Float32Array, naiveDepthwiseConv2dInputGrad(masked, w, info));
    expectAllClose(g.dw as Float32Array, naiveDepthwiseConv2dFilterGrad(x, masked, info));
    const db = new Float64Array(info.outChannels);
    masked.forEach((v, i) => { db[i % info.outChannels] += v; });
    expectAllClose(g.db as Float32Array, db, 1e-6);
  });

  it('computes only the gradients asked for, from dy as is when linear', () => {
    const info = CASES[1][1];
    const rng = makeTestRng('ref-dw-need');
    const x = randomFloats(rng, conv2dInputSize(info));
    const dy = randomFloats(rng, conv2dOutputSize(info));
    const w = randomFloats(rng, depthwiseFilterSize(info));
    const g = depthwiseConv2dBackward(x, w, dy, null, info, { input: false, filter: true, bias: false }, 'linear');
    expect(g.dx).toBeNull();
    expect(g.db).toBeNull();
    expectAllClose(g.dw as Float32Array, naiveDepthwiseConv2dFilterGrad(x, dy, info));
    expect(() => depthwiseConv2dBackward(x, w, dy, null, info, { input: true, filter: false, bias: false }, 'relu')).toThrow(ValueError);
  });
});
