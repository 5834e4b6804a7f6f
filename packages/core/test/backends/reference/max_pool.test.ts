import type { Pool2dInfo } from '../../../src/backends/backend';
import { ValueError } from '../../../src/errors';
import { maxPool2d, maxPool2dGrad } from '../../../src/backends/reference/max_pool';
import {
  expectAllClose, makePool2dInfo, makeTestRng, naiveMaxPool2d, naiveMaxPool2dGrad,
  pool2dInputSize, pool2dOutputSize, randomFloats, randomLevels, type Pool2dSpec,
} from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-max-pool');

const specs: [string, Pool2dSpec][] = [
  ['valid 2x2 on odd 7x7 (last row and column dropped)', { batch: 1, inHeight: 7, inWidth: 7, channels: 1, poolHeight: 2, poolWidth: 2, padding: 'valid' }],
  ['same 2x2 on odd 5x5 (pad after), batch 3', { batch: 3, inHeight: 5, inWidth: 5, channels: 3, poolHeight: 2, poolWidth: 2, padding: 'same' }],
  ['same 3x3 stride 2 (overlapping), 8 channels', { batch: 1, inHeight: 9, inWidth: 7, channels: 8, poolHeight: 3, poolWidth: 3, strides: 2, padding: 'same' }],
  ['same 3x3 stride 1 (padding both sides), batch 3', { batch: 3, inHeight: 6, inWidth: 5, channels: 3, poolHeight: 3, poolWidth: 3, strides: 1, padding: 'same' }],
  ['valid 3x2 stride (2, 1)', { batch: 3, inHeight: 9, inWidth: 6, channels: 8, poolHeight: 3, poolWidth: 2, strides: [2, 1], padding: 'valid' }],
  ['same 4x4 stride 3', { batch: 1, inHeight: 10, inWidth: 11, channels: 3, poolHeight: 4, poolWidth: 4, strides: 3, padding: 'same' }],
];
const cases: [string, Pool2dInfo][] = specs.map(([name, spec]) => [name, makePool2dInfo(spec)]);

describe('reference maxPool2d', () => {
  it.each(cases)('%s', (_name, info) => {
    const x = randomFloats(rng, pool2dInputSize(info));
    const got = maxPool2d(x, info);
    const want = naiveMaxPool2d(x, info);
    expect(got.y).toEqual(want.y);
    expect(got.argmax).toEqual(want.argmax);
  });

  it.each(cases)('%s, with ties: the first max in the window wins', (_name, info) => {
    const x = randomLevels(rng, pool2dInputSize(info), 3);
    const got = maxPool2d(x, info);
    const want = naiveMaxPool2d(x, info);
    expect(got.y).toEqual(want.y);
    expect(got.argmax).toEqual(want.argmax);
  });

  it('never lets padding win, even when every real value is negative', () => {
    const info = makePool2dInfo({ batch: 1, inHeight: 3, inWidth: 3, channels: 1, poolHeight: 3, poolWidth: 3, strides: 1, padding: 'same' });
    const x = new Float32Array([-9, -8, -7, -6, -5, -4, -3, -2, -1]);
    const { y, argmax } = maxPool2d(x, info);
    expect(Array.from(y)).toEqual([-5, -4, -4, -2, -1, -1, -2, -1, -1]);
    expect(Array.from(argmax)).toEqual([4, 5, 5, 7, 8, 8, 7, 8, 8]);
  });

  it('propagates NaN', () => {
    const info = makePool2dInfo({ batch: 1, inHeight: 2, inWidth: 2, channels: 1, poolHeight: 2, poolWidth: 2, padding: 'valid' });
    const { y, argmax } = maxPool2d(new Float32Array([1, NaN, 3, 2]), info);
    expect(y[0]).toBeNaN();
    expect(argmax[0]).toBe(1);
  });

  it('rejects a window that lies entirely in the padding', () => {
    const info: Pool2dInfo = { ...makePool2dInfo({ batch: 1, inHeight: 2, inWidth: 2, channels: 1, poolHeight: 1, poolWidth: 1, padding: 'valid' }), padTop: 1, outHeight: 3 };
    expect(() => maxPool2d(new Float32Array(4), info)).toThrow(ValueError);
  });
});

describe('reference maxPool2dGrad', () => {
  it.each(cases)('%s', (_name, info) => {
    // Ties make overlapping windows share winners, so the scatter must accumulate.
    const x = randomLevels(rng, pool2dInputSize(info), 4);
    const dy = randomFloats(rng, pool2dOutputSize(info));
    const dx = maxPool2dGrad(dy, maxPool2d(x, info).argmax, info);
    expectAllClose(dx, naiveMaxPool2dGrad(x, dy, info));
  });
});
