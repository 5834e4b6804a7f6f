import { tensor, ValueError } from '@strata/core';
import { RandomRotation } from '../../src';

describe('RandomRotation', () => {
  // A 5 x 5 image of distinct values: a quarter turn is a pure permutation of pixels.
  const v = Float32Array.from({ length: 25 }, (_, i) => i * 1.5 - 7);
  const x = tensor(v, [1, 5, 5, 1]);

  it('turns counter-clockwise by factor * 360 degrees (a quarter turn: np.rot90)', () => {
    const y = new RandomRotation([0.25, 0.25], { seed: 1 }).apply(x, { training: true }).dataSync();
    // np.rot90(a)[i][j] = a[j][n - 1 - i]: the right column comes up to the top row.
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(y[i * 5 + j]).toBeCloseTo(v[j * 5 + (4 - i)], 4);
    const back = new RandomRotation([-0.25, -0.25]).apply(x, { training: true }).dataSync();
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(back[i * 5 + j]).toBeCloseTo(v[(4 - j) * 5 + i], 4);
  });

  it("fills the corners of a turned image per fillMode ('constant' with fillValue), the centre staying put", () => {
    const y = new RandomRotation([0.125, 0.125], { fillMode: 'constant', fillValue: 100, interpolation: 'nearest' }).apply(x, { training: true }).dataSync();
    expect(y[0]).toBe(100); // the top-left corner comes from outside the image
    expect(y[12]).toBeCloseTo(v[12], 5);
    const reflect = new RandomRotation([0.125, 0.125]).apply(x, { training: true }).dataSync();
    expect(Array.from(reflect).every((p) => p >= -7 && p <= 29)).toBe(true); // reflect only repeats image values
  });

  it("keeps Keras's config: factor as [lower, upper], reflect and bilinear by default", () => {
    expect(new RandomRotation(0.1, { name: 'rot' }).getConfig()).toEqual({
      name: 'rot', trainable: true, dtype: 'float32', seed: null, dataFormat: 'channelsLast',
      fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0, factor: [-0.1, 0.1],
    });
    expect(new RandomRotation({ factor: [0.3, -0.2] }).factor).toEqual([-0.2, 0.3]);
  });

  it('rejects bad factors, fill modes and interpolations by name', () => {
    expect(() => new RandomRotation(1.5, { name: 'r' })).toThrow(new ValueError("RandomRotation 'r': factor must be a number or a pair [lower, upper] of numbers in [-1, 1], got 1.5"));
    expect(() => new RandomRotation([0.1] as never)).toThrow(ValueError);
    expect(() => new RandomRotation(0.1, { fillMode: 'mirror' as never })).toThrow(/fillMode must be one of 'reflect', 'wrap', 'constant', 'nearest'/);
    expect(() => new RandomRotation(0.1, { interpolation: 'bicubic' as never })).toThrow(/interpolation must be one of 'bilinear', 'nearest'/);
    expect(() => new RandomRotation(0.1, { fillValue: Number.NaN })).toThrow(/fillValue must be a finite number/);
    expect(() => new RandomRotation(0.1, { fill_mode: 'constant' } as never)).toThrow(/unknown option 'fill_mode'. Did you mean 'fillMode'\?/);
  });
});
