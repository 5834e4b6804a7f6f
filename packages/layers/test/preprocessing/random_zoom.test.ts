import { tensor, ValueError } from '@strata/core';
import { RandomZoom } from '../../src';

describe('RandomZoom', () => {
  // 7 x 7, symmetric under transposition (v[y][x] = v[x][y]) and distinct otherwise.
  const v = Float32Array.from({ length: 49 }, (_, i) => (Math.floor(i / 7) + 1) * ((i % 7) + 1) + Math.floor(i / 7) + (i % 7));
  const x = tensor(v, [1, 7, 7, 1]);
  const at = (a: ArrayLike<number>, r: number, c: number) => a[r * 7 + c];

  it('positive factors zoom out (the fill shows at the border), negative zoom in (Keras 3)', () => {
    const out = new RandomZoom([0.5, 0.5], { fillMode: 'constant', fillValue: -1, interpolation: 'nearest' }).apply(x, { training: true }).dataSync();
    expect(at(out, 0, 0)).toBe(-1);
    expect(at(out, 3, 3)).toBe(at(v, 3, 3)); // the centre stays
    // Zoom 1.5 about the centre: output pixel 4 reads input 3 + 1.5 = 4.5, rounded half up to 5.
    expect(at(out, 3, 4)).toBe(at(v, 3, 5));
    const inward = new RandomZoom([-0.5, -0.5], { fillMode: 'constant', fillValue: -1, interpolation: 'nearest' }).apply(x, { training: true }).dataSync();
    expect(Array.from(inward).includes(-1)).toBe(false);
    // Zoom 0.5: output pixel 1 reads input 3 - 1 = 2.
    expect(at(inward, 1, 1)).toBe(at(v, 2, 2));
  });

  it('with widthFactor null zooms both axes alike (keeps the aspect ratio); a widthFactor draws its own', () => {
    const isSymmetric = (a: ArrayLike<number>) => [...Array(7).keys()].every((r) => [...Array(7).keys()].every((c) => Math.abs(at(a, r, c) - at(a, c, r)) < 1e-5));
    expect(isSymmetric(new RandomZoom(0.4, { seed: 2 }).apply(x, { training: true }).dataSync())).toBe(true);
    expect(isSymmetric(new RandomZoom(0.4, 0.4, { seed: 2 }).apply(x, { training: true }).dataSync())).toBe(false);
  });

  it("keeps Keras's config, factors as given, and takes them positionally", () => {
    expect(new RandomZoom(0.2, { name: 'z' }).getConfig()).toEqual({
      name: 'z', trainable: true, dtype: 'float32', seed: null, dataFormat: 'channelsLast',
      fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0, heightFactor: 0.2, widthFactor: null,
    });
    const z = new RandomZoom([-0.2, 0.1], [0.3, 0.4], { seed: 1 });
    expect([z.heightFactor, z.widthFactor]).toEqual([[-0.2, 0.1], [0.3, 0.4]]);
    expect(() => new RandomZoom(0.2, 1.2, { name: 'z2' })).toThrow(new ValueError("RandomZoom 'z2': widthFactor must be a number or a pair [lower, upper] of numbers in [-1, 1], got 1.2"));
  });
});
