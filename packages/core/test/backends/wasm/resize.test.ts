import { referenceBackend, resize2dInfo, wasmBackend } from '../../../src';
import { expectBitIdentical, randomArray, withSettings, VARIANTS } from '../../helpers/wasm_setup';

const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);

describe('wasm resize2d', () => {
  // Channels 1 and 3 (scalar tail only), 4 (one vector), 9 (vectors + tail); odd sizes, unequal factors.
  it.each([
    [[2, 3, 5, 4], 2, 2],
    [[1, 5, 3, 9], 3, 2],
    [[3, 1, 4, 1], 2, 3],
    [[1, 4, 4, 3], 1, 1],
  ])('matches the reference bit for bit, nearest and bilinear, forward and gradient: %j x (%i, %i)', (shape, sh, sw) => {
    const x = randomArray(size(shape as number[]), `resize ${shape}`);
    for (const mode of ['nearest', 'bilinear'] as const) {
      const info = resize2dInfo(shape as number[], (shape as number[])[1] * sh, (shape as number[])[2] * sw, mode);
      const y = referenceBackend.resize2d(x, info);
      expectBitIdentical(wasmBackend.resize2d(x, info), y);
      const dy = randomArray(y.length, `dy ${shape}`);
      expectBitIdentical(wasmBackend.resize2dGrad(dy, info), referenceBackend.resize2dGrad(dy, info));
    }
  });

  it('NaN and Infinity give the reference\'s bits', () => {
    const x = Float32Array.of(NaN, 1, Infinity, 2, -Infinity, 3, 4, 5);
    const info = resize2dInfo([1, 2, 4, 1], 4, 8, 'bilinear');
    expectBitIdentical(wasmBackend.resize2d(x, info), referenceBackend.resize2d(x, info));
    const dy = Float32Array.from({ length: 32 }, (_, i) => (i === 5 ? Infinity : i - 10));
    expectBitIdentical(wasmBackend.resize2dGrad(dy, info), referenceBackend.resize2dGrad(dy, info));
  });

  it('gives the same bits on 1, 2 and 3 threads (above the parallel threshold, odd sizes)', () => {
    const shape = [3, 37, 41, 11];
    const x = randomArray(size(shape), 'big');
    for (const mode of ['nearest', 'bilinear'] as const) {
      const info = resize2dInfo(shape, 37 * 3, 41 * 2, mode);
      const y = referenceBackend.resize2d(x, info);
      const dy = randomArray(y.length, 'big dy');
      const dx = referenceBackend.resize2dGrad(dy, info);
      for (const threads of [1, 2, 3]) {
        withSettings(VARIANTS[0], threads, () => {
          expectBitIdentical(wasmBackend.resize2d(x, info), y);
          expectBitIdentical(wasmBackend.resize2dGrad(dy, info), dx);
        });
      }
    }
  });
});
