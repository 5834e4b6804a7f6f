import { resize2d, resize2dGrad } from '../../../src/backends/reference/resize';
import { resize2dInfo } from '../../../src/ops/resize';
import { expectAllClose, makeTestRng, naiveUpSample, naiveUpSampleGrad, randomFloats } from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-resize');

// [batch, h, w, channels] and the factors: odd sizes, 1-pixel images, unequal factors.
const cases: [number[], number, number][] = [
  [[2, 3, 5, 3], 2, 2],
  [[1, 1, 4, 5], 3, 2],
  [[3, 4, 1, 1], 1, 3],
  [[1, 5, 7, 9], 3, 4],
];

describe('reference resize2d (UpSampling2D by integer factors)', () => {
  it.each(cases)('nearest and bilinear match the float64 oracle, forward and gradient: %j x (%i, %i)', (shape, sh, sw) => {
    const x = randomFloats(rng, shape.reduce((a, b) => a * b, 1));
    for (const mode of ['nearest', 'bilinear'] as const) {
      const info = resize2dInfo(shape, shape[1] * sh, shape[2] * sw, mode);
      const y = resize2d(x, info);
      const want = naiveUpSample(x, shape, sh, sw, mode === 'bilinear');
      if (mode === 'nearest') expect(y).toEqual(want);
      else expectAllClose(y, want, 1e-6);
      const dy = randomFloats(rng, y.length);
      expectAllClose(resize2dGrad(dy, info), naiveUpSampleGrad(dy, shape, sh, sw, mode === 'bilinear'), 1e-6);
    }
  });

  it('bilinear: the last row and column repeat (the source is clamped), as TensorFlow without half-pixel centres', () => {
    const x = Float32Array.of(0, 4, 8, 12); // 2x2, one channel
    const y = resize2d(x, resize2dInfo([1, 2, 2, 1], 4, 4, 'bilinear'));
    expect(Array.from(y)).toEqual([0, 2, 4, 4, 4, 6, 8, 8, 8, 10, 12, 12, 8, 10, 12, 12]);
  });

  it('NaN and Infinity as TensorFlow\'s formula: a NaN spreads to its neighbours, Inf - Inf is NaN', () => {
    const x = Float32Array.of(NaN, 1, Infinity, 2); // 1x4
    const y = resize2d(x, resize2dInfo([1, 1, 4, 1], 1, 8, 'bilinear'));
    // What tf.image.resizeBilinear (TensorFlow.js 4.22, cpu) returns: the one-row image still blends
    // rows (top + (bottom - top) * 0), so every Inf becomes Inf - Inf = NaN.
    expect(Array.from(y)).toEqual([NaN, NaN, 1, NaN, NaN, NaN, 2, 2]);
    expect(Array.from(resize2d(x, resize2dInfo([1, 1, 4, 1], 1, 8, 'nearest')))).toEqual([NaN, NaN, 1, 1, Infinity, Infinity, 2, 2]);
  });
});
