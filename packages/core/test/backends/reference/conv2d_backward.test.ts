import { ValueError } from '../../../src';
import { channelSums, conv2dBackward, reluGrad } from '../../../src/backends/reference/conv2d_backward';
import {
  conv2dFilterSize, conv2dInputSize, conv2dOutputSize, expectAllClose, makeConv2dInfo, makeTestRng,
  naiveConv2dFilterGrad, naiveConv2dInputGrad, randomFloats,
} from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-conv2d-backward');
const info = makeConv2dInfo({ batch: 3, inHeight: 7, inWidth: 6, inChannels: 3, outChannels: 7, kernelHeight: 3, kernelWidth: 2, strides: 2, padding: 'same' });
const x = randomFloats(rng, conv2dInputSize(info));
const w = randomFloats(rng, conv2dFilterSize(info));
const dy = randomFloats(rng, conv2dOutputSize(info));
const y = randomFloats(rng, conv2dOutputSize(info)); // the relu output's sign is all that matters
const all = { input: true, filter: true, bias: true };

describe('reference conv2dBackward', () => {
  it('masks dy by y > 0 once and derives all three gradients from it', () => {
    const masked = dy.map((d, i) => (y[i] > 0 ? d : 0));
    const got = conv2dBackward(x, w, dy, y, info, all, 'relu');
    expectAllClose(got.dx as Float32Array, naiveConv2dInputGrad(masked, w, info));
    expectAllClose(got.dw as Float32Array, naiveConv2dFilterGrad(x, masked, info));
    const db = new Float64Array(info.outChannels);
    masked.forEach((v, i) => { db[i % info.outChannels] += v; });
    expectAllClose(got.db as Float32Array, db, 1e-6);
  });

  it('uses dy as is when linear, and computes only what is needed', () => {
    const got = conv2dBackward(x, w, dy, null, info, { input: false, filter: true, bias: false }, 'linear');
    expect(got.dx).toBeNull();
    expect(got.db).toBeNull();
    expectAllClose(got.dw as Float32Array, naiveConv2dFilterGrad(x, dy, info));
  });

  it("rejects 'relu' without the forward output", () => {
    expect(() => conv2dBackward(x, w, dy, null, info, all, 'relu')).toThrow(ValueError);
  });

  it('reluGrad and channelSums handle NaN outputs and a single channel', () => {
    expect(Array.from(reluGrad(Float32Array.of(1, 2, 3, 4), Float32Array.of(1, 0, -1, NaN)))).toEqual([1, 0, 0, 0]);
    expect(Array.from(channelSums(Float32Array.of(1, 2, 3), 1))).toEqual([6]);
  });
});
