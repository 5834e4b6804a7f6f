import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { affineTransform, FILL_MODES, INTERPOLATIONS, ShapeError, tensor, Tensor, ValueError, type ImageTransformInfo } from '../../src';
import { naiveImageTransform } from '../helpers/naive_kernels';
import { expectClose, expectGradientsMatch, rand } from '../helpers/random_tensors';

/** A rotation by `angle` about the centre with a shift and a zoom, as Keras's image layers build it. */
function rotation(angle: number, h: number, w: number, tx = 0, ty = 0, zoom = 1): number[] {
  const cx = (w - 1) / 2, cy = (h - 1) / 2;
  const cos = Math.cos(angle) * zoom, sin = Math.sin(angle) * zoom;
  return [cos, -sin, tx + cx - cx * cos + cy * sin, sin, cos, ty + cy - cx * sin - cy * cos, 0, 0];
}

const identity = [1, 0, 0, 0, 1, 0, 0, 0];

describe('affineTransform', () => {
  // Odd sizes, coordinates far outside the image (the zoom and the shift), a projective map.
  const x = rand([3, 5, 7, 3], 'images');
  const transforms = [rotation(0.7, 5, 7, 1.3, -0.4, 1.6), rotation(-2.5, 5, 7, -9.3, 11.2, 2.3), [0.9, 0.1, -1.2, -0.2, 1.1, 0.4, 0.02, -0.03]];

  it.each(FILL_MODES.flatMap((fillMode) => INTERPOLATIONS.map((interpolation) => [fillMode, interpolation] as const)))(
    'matches the pad-then-sample oracle: fillMode %s, interpolation %s', (fillMode, interpolation) => {
      const info: ImageTransformInfo = { batch: 3, height: 5, width: 7, channels: 3, fillMode, interpolation, fillValue: 0.25 };
      const y = affineTransform(x, transforms, { fillMode, interpolation, fillValue: 0.25 });
      expectClose(y.dataSync(), naiveImageTransform(x.f32, transforms.flat(), info), 1e-5);
    });

  it("matches PyTorch's grid_sample (golden values, see test/fixtures/image_transform_torch.py)", () => {
    const golden = JSON.parse(readFileSync(join(__dirname, '../fixtures/image_transform_torch.json'), 'utf8')) as {
      shape: number[]; x: number[]; transforms: number[][];
      cases: { fillMode: ImageTransformInfo['fillMode']; interpolation: ImageTransformInfo['interpolation']; expected: number[] }[];
    };
    const images = tensor(Float32Array.from(golden.x), golden.shape);
    expect(golden.cases).toHaveLength(6);
    for (const c of golden.cases) {
      const y = affineTransform(images, golden.transforms, { fillMode: c.fillMode, interpolation: c.interpolation });
      expectClose(y.dataSync(), c.expected, 1e-5);
    }
  });

  it('is exact for flips and whole-pixel shifts, NaN and Infinity staying where they are', () => {
    const v = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    v[5] = NaN;
    v[10] = Infinity;
    const img = tensor(v, [2, 3, 4, 1]);
    const mirror = [-1, 0, 3, 0, 1, 0, 0, 0];
    for (const interpolation of INTERPOLATIONS) {
      const y = affineTransform(img, [mirror, identity], { interpolation }).dataSync();
      const want = Float32Array.from(v);
      for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) want[r * 4 + c] = v[r * 4 + 3 - c];
      if (interpolation === 'nearest') expect(Array.from(y)).toEqual(Array.from(want));
      else expect(Array.from(y.subarray(12))).toEqual(Array.from(want.subarray(12))); // the identity image
    }
    // A shift right by one pixel with 'constant' fill: the first column becomes the fill value.
    const shifted = affineTransform(tensor([1, 2, 3, 4], [1, 1, 4, 1]), [[1, 0, -1, 0, 1, 0, 0, 0]], { fillMode: 'constant', fillValue: -5 });
    expect(Array.from(shifted.dataSync())).toEqual([-5, 1, 2, 3]);
  });

  it("pads as Keras: 'reflect' d c b a | a b c d, 'wrap', 'nearest' and 'constant'", () => {
    const row = tensor([1, 2, 3, 4], [1, 1, 4, 1]);
    const shift = (by: number, fillMode: ImageTransformInfo['fillMode']) =>
      Array.from(affineTransform(row, [[1, 0, by, 0, 1, 0, 0, 0]], { fillMode, interpolation: 'nearest', fillValue: 9 }).dataSync());
    expect(shift(-3, 'reflect')).toEqual([3, 2, 1, 1]);
    expect(shift(2, 'reflect')).toEqual([3, 4, 4, 3]);
    expect(shift(-6, 'reflect')).toEqual([3, 4, 4, 3]);
    expect(shift(-1, 'wrap')).toEqual([4, 1, 2, 3]);
    expect(shift(5, 'wrap')).toEqual([2, 3, 4, 1]);
    expect(shift(-2, 'nearest')).toEqual([1, 1, 1, 2]);
    expect(shift(3, 'constant')).toEqual([4, 9, 9, 9]);
  });

  it('has the exact adjoint as gradient, for every fill mode and interpolation', () => {
    const img = rand([2, 4, 5, 2], 'grad-images');
    const t = [rotation(0.4, 4, 5, 0.3, -0.6, 1.3), rotation(2.9, 4, 5, 2.2, 0.1, 0.8)];
    for (const fillMode of FILL_MODES) {
      for (const interpolation of INTERPOLATIONS) {
        expectGradientsMatch(() => affineTransform(img, t, { fillMode, interpolation, fillValue: 0.5 }), [img]);
      }
    }
  });

  it('rejects bad images, transforms and options before any work', () => {
    const img = rand([2, 3, 3, 1], 'bad');
    expect(() => affineTransform(new Tensor(new Float32Array(9), [3, 3, 1], 'float32'), [identity])).toThrow(ShapeError);
    expect(() => affineTransform(img, [identity])).toThrow('affineTransform: expected 2 transforms of 8 numbers (one per image), got 1');
    expect(() => affineTransform(img, [identity, [1, 0, 0]])).toThrow(/each transform must hold 8 numbers/);
    expect(() => affineTransform(img, [identity, [1, 0, NaN, 0, 1, 0, 0, 0]])).toThrow(new ValueError('affineTransform: transform 1 holds a non-finite value NaN'));
    expect(() => affineTransform(img, [identity, [1, 0, 0, 0, 1, 0, -1, 0]])).toThrow(/maps some pixel to infinity/);
    expect(() => affineTransform(img, [identity, identity], { fillMode: 'mirror' as never })).toThrow(/fillMode must be one of 'reflect', 'wrap', 'constant', 'nearest', got "mirror"/);
    expect(() => affineTransform(img, [identity, identity], { interpolation: 'cubic' as never })).toThrow(ValueError);
    expect(affineTransform(img, [...identity, ...identity]).dataSync()).toEqual(img.dataSync());
  });
});
