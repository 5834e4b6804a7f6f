import { ValueError, referenceBackend, wasmBackend, type Pool2dInfo } from '../../../src';
import { makePool2dInfo, pool2dInputSize, pool2dOutputSize } from '../../helpers/naive_kernels';
import { expectBitIdentical, randomArray, withSettings, VARIANTS } from '../../helpers/wasm_setup';

const pool = (batch: number, h: number, w: number, channels: number, size: number | [number, number], strides: number | [number, number], padding: 'valid' | 'same' = 'valid'): Pool2dInfo => {
  const [poolHeight, poolWidth] = typeof size === 'number' ? [size, size] : size;
  return makePool2dInfo({ batch, inHeight: h, inWidth: w, channels, poolHeight, poolWidth, strides, padding });
};

// Channels 1 and 3 (scalar tail only), 4 (one vector), 9 (vectors + tail); valid and 'same' with partial windows.
const cases: [string, Pool2dInfo][] = [
  ['2x2 stride 2', pool(2, 8, 8, 4, 2, 2)],
  ['3x3 stride 2 same, odd sizes', pool(1, 7, 9, 9, 3, 2, 'same')],
  ['2x2 stride 1, 3 channels', pool(3, 5, 6, 3, 2, 1)],
  ['3x3 stride 3 same, 1 channel', pool(2, 9, 10, 1, 3, 3, 'same')],
  ['[2, 3] stride [3, 1] (stride larger than the pool), 5 channels', pool(2, 8, 7, 5, [2, 3], [3, 1])],
  ['4x4 stride 1 same (partial windows on every edge), 8 channels', pool(1, 5, 6, 8, 4, 1, 'same')],
];

describe('wasm avgPool2d and avgPool2dGrad', () => {
  it.each(cases)('give the reference bits: %s', (name, info) => {
    const x = randomArray(pool2dInputSize(info), `avg ${name}`);
    expectBitIdentical(wasmBackend.avgPool2d(x, info), referenceBackend.avgPool2d(x, info));
    const dy = randomArray(pool2dOutputSize(info), `avg dy ${name}`);
    expectBitIdentical(wasmBackend.avgPool2dGrad(dy, info), referenceBackend.avgPool2dGrad(dy, info));
  });

  it('carry NaN and Infinity like the reference, in the vector body and the scalar tail', () => {
    const info = pool(1, 2, 2, 5, 2, 2);
    const x = new Float32Array(20).fill(1);
    x[9] = NaN; // pixel 1, channel 4: scalar tail
    x[6] = Infinity; // pixel 1, channel 1: vector body
    x[12] = -Infinity; // pixel 2, channel 2
    x[17] = Infinity; // pixel 3, channel 2: with -Infinity, NaN
    const y = wasmBackend.avgPool2d(x, info);
    expect(Array.from(y)).toEqual([1, Infinity, NaN, 1, NaN]);
    const dy = Float32Array.of(1, NaN, Infinity, -Infinity, 2);
    expectBitIdentical(wasmBackend.avgPool2dGrad(dy, info), referenceBackend.avgPool2dGrad(dy, info));
  });

  it('reject a window entirely in the padding, as the reference does', () => {
    const info: Pool2dInfo = { ...pool(1, 2, 2, 1, 1, 1), outHeight: 3, padTop: 1 };
    expect(() => wasmBackend.avgPool2d(new Float32Array(4), info)).toThrow(new ValueError('avgPool2d: output row 0 has a window entirely in the padding'));
    expect(() => wasmBackend.avgPool2dGrad(new Float32Array(6), info)).toThrow(ValueError);
  });

  it('give the same bits on 1, 2 and 3 threads (odd sizes, overlapping same windows, above the parallel size)', () => {
    // 8 x 63 x 65 x 9 inputs: above the size that runs in parallel, forward and backward.
    const info = pool(8, 63, 65, 9, 3, 2, 'same');
    const x = randomArray(pool2dInputSize(info), 'avg big');
    const dy = randomArray(pool2dOutputSize(info), 'avg dy big');
    const y = referenceBackend.avgPool2d(x, info);
    const dx = referenceBackend.avgPool2dGrad(dy, info);
    for (const threads of [1, 2, 3]) {
      withSettings(VARIANTS[0], threads, () => {
        expectBitIdentical(wasmBackend.avgPool2d(x, info), y);
        expectBitIdentical(wasmBackend.avgPool2dGrad(dy, info), dx);
      });
    }
  });
});
