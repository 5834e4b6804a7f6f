import { ValueError, referenceBackend, wasmBackend, type Pool2dInfo } from '../../../src';
import { makePool2dInfo, pool2dInputSize } from '../../helpers/naive_kernels';
import { expectBitIdentical, randomArray, withSettings, VARIANTS } from '../../helpers/wasm_setup';

const pool = (batch: number, h: number, w: number, channels: number, size: number, strides: number, padding: 'valid' | 'same' = 'valid'): Pool2dInfo =>
  makePool2dInfo({ batch, inHeight: h, inWidth: w, channels, poolHeight: size, poolWidth: size, strides, padding });

describe('wasm maxPool2d', () => {
  // Channels 1 and 3 (scalar tail only), 4 (one vector) and 9 (vectors + tail); valid and 'same'.
  it.each([
    ['2x2 stride 2', pool(2, 8, 8, 4, 2, 2)],
    ['3x3 stride 2 same, odd sizes', pool(1, 7, 9, 9, 3, 2, 'same')],
    ['2x2 stride 1, 3 channels', pool(3, 5, 6, 3, 2, 1)],
    ['3x3 stride 3 same, 1 channel', pool(2, 9, 10, 1, 3, 3, 'same')],
  ])('matches the reference, argmax included: %s', (name, info) => {
    const x = randomArray(pool2dInputSize(info), `pool${name}`);
    const got = wasmBackend.maxPool2d(x, info);
    const want = referenceBackend.maxPool2d(x, info);
    expect(got.y).toEqual(want.y);
    expect(got.argmax).toEqual(want.argmax);
  });

  it('keeps the first maximum on ties, and lets NaN win like the reference', () => {
    const info = pool(1, 2, 2, 5, 2, 2);
    const x = new Float32Array(20).fill(1);
    x[9] = NaN; // pixel 1, channel 4: scalar tail
    x[6] = NaN; // pixel 1, channel 1: vector body
    const got = wasmBackend.maxPool2d(x, info);
    expect(got).toEqual(referenceBackend.maxPool2d(x, info));
    expect(Array.from(got.argmax)).toEqual([0, 6, 2, 3, 9]);
  });

  it('rejects a window entirely in the padding, as the reference does', () => {
    const info: Pool2dInfo = { ...pool(1, 2, 2, 1, 1, 1), outHeight: 3, padTop: 1 };
    expect(() => wasmBackend.maxPool2d(new Float32Array(4), info)).toThrow(ValueError);
  });

  it('routes the gradient to the argmax, accumulating where windows overlap', () => {
    const info = pool(1, 4, 4, 2, 3, 1);
    const x = randomArray(32, 'grad');
    const { argmax } = wasmBackend.maxPool2d(x, info);
    const dy = randomArray(argmax.length, 'dy');
    expect(wasmBackend.maxPool2dGrad(dy, argmax, info)).toEqual(referenceBackend.maxPool2dGrad(dy, argmax, info));
  });

  it('computes the gradient bit for bit as the reference on 1, 2 and 3 threads (one task per image, odd sizes, overlapping windows)', () => {
    // 8 x 63 x 65 x 9 inputs: above the size that runs in parallel.
    const info = pool(8, 63, 65, 9, 3, 2, 'same');
    const x = randomArray(pool2dInputSize(info), 'big');
    const { argmax } = referenceBackend.maxPool2d(x, info);
    const dy = randomArray(argmax.length, 'dy big');
    const want = referenceBackend.maxPool2dGrad(dy, argmax, info);
    for (const threads of [1, 2, 3]) {
      withSettings(VARIANTS[0], threads, () => expectBitIdentical(wasmBackend.maxPool2dGrad(dy, argmax, info), want));
    }
  });
});
