import { tensor, ValueError, type Tensor } from '@strata/core';
import { RandomFlip } from '../../src';

/** 8 images 3 x 4 x 2 of distinct values, NaN and Infinity among them. */
function images(): Tensor {
  const v = Float32Array.from({ length: 8 * 24 }, (_, i) => i);
  v[5] = NaN;
  v[30] = Infinity;
  return tensor(v, [8, 3, 4, 2]);
}

/** Image i of t mirrored on the chosen axes, as plain index arithmetic. */
function flipped(t: Tensor, i: number, horizontal: boolean, vertical: boolean): number[] {
  const v = t.dataSync(), out: number[] = [];
  for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) for (let c = 0; c < 2; c++) {
    const sy = vertical ? 2 - y : y, sx = horizontal ? 3 - x : x;
    out.push(v[i * 24 + (sy * 4 + sx) * 2 + c]);
  }
  return out;
}

describe('RandomFlip', () => {
  const x = images();
  const image = (t: Tensor, i: number) => Array.from(t.dataSync().slice(i * 24, (i + 1) * 24));

  it.each([
    ['horizontal', true, false],
    ['vertical', false, true],
    // Keras 3 draws once per image: both axes flip together.
    ['horizontal_and_vertical', true, true],
  ] as const)("mode '%s': each image is either untouched or mirrored exactly, values (NaN too) copied", (mode, h, v) => {
    const y = new RandomFlip(mode, { seed: 4 }).apply(x, { training: true });
    let mirrored = 0;
    for (let i = 0; i < 8; i++) {
      const got = image(y, i);
      const isFlip = Object.is(got.join(), flipped(x, i, h, v).join());
      const isSame = Object.is(got.join(), image(x, i).join());
      expect(isFlip || isSame).toBe(true);
      if (isFlip) mirrored++;
    }
    expect(mirrored).toBeGreaterThan(0);
    expect(mirrored).toBeLessThan(8);
  });

  it("defaults to 'horizontal_and_vertical' as Keras, and takes the mode positionally or by name", () => {
    expect(new RandomFlip().mode).toBe('horizontal_and_vertical');
    expect(new RandomFlip({ mode: 'vertical' }).mode).toBe('vertical');
    expect(new RandomFlip('horizontal', { name: 'flip' }).getConfig()).toEqual({
      name: 'flip', trainable: true, dtype: 'float32', seed: null, dataFormat: 'channelsLast', mode: 'horizontal',
    });
  });

  it('rejects an unknown mode and unknown options by name', () => {
    expect(() => new RandomFlip('diagonal' as never, { name: 'f' })).toThrow(new ValueError(
      "RandomFlip 'f': mode must be one of 'horizontal', 'vertical', 'horizontal_and_vertical', got \"diagonal\""));
    expect(() => new RandomFlip({ mode: 'horizontal', sed: 1 } as never)).toThrow(/unknown option 'sed'. Did you mean 'seed'\?/);
    expect(() => new RandomFlip('horizontal', { mode: 'vertical' } as never)).toThrow(/given both positionally/);
  });
});
