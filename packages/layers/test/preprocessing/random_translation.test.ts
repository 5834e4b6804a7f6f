import { tensor, ValueError } from '@strata/core';
import { RandomTranslation } from '../../src';

describe('RandomTranslation', () => {
  const x = tensor(Float32Array.from({ length: 16 }, (_, i) => i + 1), [1, 4, 4, 1]);

  it('shifts by the drawn fraction of the size: positive moves right and down', () => {
    const y = new RandomTranslation([0.25, 0.25], [0.5, 0.5], { fillMode: 'constant', fillValue: 0 }).apply(x, { training: true }).dataSync();
    expect(Array.from(y)).toEqual([
      0, 0, 0, 0,
      0, 0, 1, 2,
      0, 0, 5, 6,
      0, 0, 9, 10,
    ]);
    const wrapped = new RandomTranslation([0, 0], [-0.25, -0.25], { fillMode: 'wrap' }).apply(x, { training: true }).dataSync();
    expect(Array.from(wrapped.slice(0, 4))).toEqual([2, 3, 4, 1]);
    const reflected = new RandomTranslation([0, 0], [0.5, 0.5]).apply(x, { training: true }).dataSync();
    expect(Array.from(reflected.slice(0, 4))).toEqual([2, 1, 1, 2]); // 'reflect' by default: b a | a b
  });

  it("keeps Keras's config and needs both factors", () => {
    expect(new RandomTranslation(0.1, [-0.2, 0.3], { name: 't', seed: 4 }).getConfig()).toEqual({
      name: 't', trainable: true, dtype: 'float32', seed: 4, dataFormat: 'channelsLast',
      fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0, heightFactor: 0.1, widthFactor: [-0.2, 0.3],
    });
    expect(() => new RandomTranslation({ heightFactor: 0.1 } as never)).toThrow(ValueError);
    expect(() => new RandomTranslation(0.1, 0.1, { fillMode: 'edge' as never })).toThrow(/fillMode must be one of/);
  });
});
