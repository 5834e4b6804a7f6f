import { referenceBackend, wasmBackend, type ImageTransformInfo } from '../../../src';
import { makeTestRng } from '../../helpers/naive_kernels';
import { expectBitIdentical, randomArray, withSettings, VARIANTS } from '../../helpers/wasm_setup';

/** Per image: a random rotation, zoom and shift about the centre, some with a projective term. */
function randomTransforms(batch: number, h: number, w: number, seed: string): Float64Array {
  const rng = makeTestRng(seed);
  const t = new Float64Array(batch * 8);
  for (let b = 0; b < batch; b++) {
    const angle = (rng() - 0.5) * 6, zoom = 0.5 + rng() * 1.5, tx = (rng() - 0.5) * w, ty = (rng() - 0.5) * h;
    const cos = Math.cos(angle) * zoom, sin = Math.sin(angle) * zoom, cx = (w - 1) / 2, cy = (h - 1) / 2;
    const c0 = b % 3 === 2 ? 0.2 / w : 0;
    t.set([cos, -sin, tx + cx - cx * cos + cy * sin, sin, cos, ty + cy - cx * sin - cy * cos, c0, 0], b * 8);
  }
  return t;
}

const MODES: [ImageTransformInfo['fillMode'], ImageTransformInfo['interpolation']][] = [
  ['reflect', 'bilinear'], ['wrap', 'bilinear'], ['constant', 'bilinear'], ['nearest', 'bilinear'], ['reflect', 'nearest'], ['constant', 'nearest'],
];

describe('wasm imageTransform', () => {
  it.each(MODES)('matches the reference bit for bit on odd sizes: %s fill, %s interpolation', (fillMode, interpolation) => {
    const info: ImageTransformInfo = { batch: 3, height: 7, width: 9, channels: 3, fillMode, interpolation, fillValue: -0.75 };
    const x = randomArray(3 * 7 * 9 * 3, `x${fillMode}${interpolation}`);
    const t = randomTransforms(3, 7, 9, 'small');
    expectBitIdentical(wasmBackend.imageTransform(x, t, info), referenceBackend.imageTransform(x, t, info));
    const dy = randomArray(x.length, 'dy');
    expectBitIdentical(wasmBackend.imageTransformGrad(dy, t, info), referenceBackend.imageTransformGrad(dy, t, info));
  });

  it('gives the reference bits on 1, 2 and 3 threads, forward and gradient (parallel sizes)', () => {
    // 12 x 47 x 45 x 3: above the size that runs in parallel; one row (forward) or image (gradient) per task.
    const info: ImageTransformInfo = { batch: 12, height: 47, width: 45, channels: 3, fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0 };
    const x = randomArray(12 * 47 * 45 * 3, 'big');
    const dy = randomArray(x.length, 'big-dy');
    const t = randomTransforms(12, 47, 45, 'big');
    const y = referenceBackend.imageTransform(x, t, info);
    const dx = referenceBackend.imageTransformGrad(dy, t, info);
    for (const variant of VARIANTS) {
      for (const threads of [1, 2, 3]) {
        withSettings(variant, threads, () => {
          expectBitIdentical(wasmBackend.imageTransform(x, t, info), y);
          expectBitIdentical(wasmBackend.imageTransformGrad(dy, t, info), dx);
        });
      }
    }
  });

  it('keeps NaN and Infinity as the reference does', () => {
    const info: ImageTransformInfo = { batch: 2, height: 4, width: 5, channels: 2, fillMode: 'nearest', interpolation: 'bilinear', fillValue: 0 };
    const x = randomArray(40, 'nan');
    x[7] = NaN;
    x[22] = Infinity;
    x[31] = -Infinity;
    const t = randomTransforms(2, 4, 5, 'nan');
    expectBitIdentical(wasmBackend.imageTransform(x, t, info), referenceBackend.imageTransform(x, t, info));
    expectBitIdentical(wasmBackend.imageTransformGrad(x, t, info), referenceBackend.imageTransformGrad(x, t, info));
  });
});
