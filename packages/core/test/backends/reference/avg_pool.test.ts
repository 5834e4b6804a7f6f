import type { Pool2dInfo } from '../../../src/backends/backend';
import { ValueError } from '../../../src/errors';
import { avgPool2d, avgPool2dGrad } from '../../../src/backends/reference/avg_pool';
import {
  expectAllClose, makePool2dInfo, makeTestRng, naiveAvgPool2d, naiveAvgPool2dGrad,
  pool2dInputSize, pool2dOutputSize, randomFloats, type Pool2dSpec,
} from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-avg-pool');

const specs: [string, Pool2dSpec][] = [
  ['valid 2x2 on odd 7x7 (last row and column dropped)', { batch: 1, inHeight: 7, inWidth: 7, channels: 1, poolHeight: 2, poolWidth: 2, padding: 'valid' }],
  ['same 2x2 on odd 5x5 (partial windows at the bottom and right edges), batch 3', { batch: 3, inHeight: 5, inWidth: 5, channels: 3, poolHeight: 2, poolWidth: 2, padding: 'same' }],
  ['same 3x3 stride 2 (overlapping), 8 channels', { batch: 1, inHeight: 9, inWidth: 7, channels: 8, poolHeight: 3, poolWidth: 3, strides: 2, padding: 'same' }],
  ['same 3x3 stride 1 (partial windows on every edge), batch 3', { batch: 3, inHeight: 6, inWidth: 5, channels: 3, poolHeight: 3, poolWidth: 3, strides: 1, padding: 'same' }],
  ['valid 3x2 stride (2, 1)', { batch: 3, inHeight: 9, inWidth: 6, channels: 8, poolHeight: 3, poolWidth: 2, strides: [2, 1], padding: 'valid' }],
  ['same 4x4 stride 3', { batch: 1, inHeight: 10, inWidth: 11, channels: 3, poolHeight: 4, poolWidth: 4, strides: 3, padding: 'same' }],
  ['valid 2x2 stride 3 (stride larger than the pool: skipped pixels)', { batch: 2, inHeight: 8, inWidth: 7, channels: 5, poolHeight: 2, poolWidth: 2, strides: 3, padding: 'valid' }],
  ['same 5x1 stride (1, 2) on a 3-row input (window taller than the image)', { batch: 1, inHeight: 3, inWidth: 6, channels: 2, poolHeight: 5, poolWidth: 1, strides: [1, 2], padding: 'same' }],
];
const cases: [string, Pool2dInfo][] = specs.map(([name, spec]) => [name, makePool2dInfo(spec)]);

describe('reference avgPool2d', () => {
  it.each(cases)('%s', (_name, info) => {
    const x = randomFloats(rng, pool2dInputSize(info));
    expectAllClose(avgPool2d(x, info), naiveAvgPool2d(x, info), 1e-6);
  });

  it("'same' divides by the in-image pixels only, as TensorFlow (tf.nn.avg_pool2d)", () => {
    // 3x3 input 1..9, 2x2 windows stride 2: the right column, bottom row and corner windows hold 2, 2 and 1 pixels.
    const info = makePool2dInfo({ batch: 1, inHeight: 3, inWidth: 3, channels: 1, poolHeight: 2, poolWidth: 2, padding: 'same' });
    expect(Array.from(avgPool2d(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), info))).toEqual([3, 4.5, 7.5, 9]);
  });

  it('propagates NaN and Infinity, and +Infinity + -Infinity is NaN', () => {
    const info = makePool2dInfo({ batch: 1, inHeight: 2, inWidth: 2, channels: 4, poolHeight: 2, poolWidth: 2, padding: 'valid' });
    const x = Float32Array.of(1, 1, 1, 1, NaN, Infinity, -Infinity, Infinity, 3, 2, 2, -Infinity, 2, 3, 3, 4);
    expect(Array.from(avgPool2d(x, info))).toEqual([NaN, Infinity, -Infinity, NaN]);
  });

  it('rejects a window that lies entirely in the padding', () => {
    const info: Pool2dInfo = { ...makePool2dInfo({ batch: 1, inHeight: 2, inWidth: 2, channels: 1, poolHeight: 1, poolWidth: 1, padding: 'valid' }), padTop: 1, outHeight: 3 };
    expect(() => avgPool2d(new Float32Array(4), info)).toThrow(new ValueError('avgPool2d: output row 0 has a window entirely in the padding'));
    expect(() => avgPool2dGrad(new Float32Array(6), info)).toThrow(ValueError);
  });
});

describe('reference avgPool2dGrad', () => {
  it.each(cases)('%s', (_name, info) => {
    const dy = randomFloats(rng, pool2dOutputSize(info));
    expectAllClose(avgPool2dGrad(dy, info), naiveAvgPool2dGrad(dy, info), 1e-6);
  });

  it('a NaN or Infinity in dy reaches exactly the inputs of its window', () => {
    const info = makePool2dInfo({ batch: 1, inHeight: 3, inWidth: 3, channels: 1, poolHeight: 2, poolWidth: 2, padding: 'same' });
    expect(Array.from(avgPool2dGrad(Float32Array.of(4, NaN, Infinity, 1), info))).toEqual([1, 1, NaN, 1, 1, NaN, Infinity, Infinity, 1]);
  });
});
