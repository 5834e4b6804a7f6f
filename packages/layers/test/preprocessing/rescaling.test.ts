import { tensor, ValueError } from '@strata/core';
import { Rescaling } from '../../src';
import { runLayerTest } from '../helpers/layer_test';

describe('Rescaling', () => {
  it('maps [0, 255] to [-1, 1] with scale 1 / 127.5 and offset -1, in inference and training alike', () => {
    const layer = new Rescaling(1 / 127.5, { offset: -1 });
    const x = tensor([0, 127.5, 255, Number.NaN], [1, 4]);
    for (const training of [false, true]) {
      const y = Array.from(layer.apply(x, { training }).dataSync());
      expect(y.slice(0, 3)).toEqual([-1, 0, 1]);
      expect(y[3]).toBeNaN();
    }
  });

  it('has no weights, any input shape, and gradient scale (finite differences)', () => {
    runLayerTest(() => new Rescaling({ scale: 0.5, offset: 2 }), { inputShape: [2, 3, 4, 2], expectedOutputShape: [null, 3, 4, 2], expectedTrainableWeights: 0 });
    runLayerTest(() => new Rescaling(-3), { inputShape: [3, 5], expectedOutputShape: [null, 5], expectedTrainableWeights: 0 });
  });

  it('writes the config TensorFlow.js writes (scale, offset)', () => {
    expect(new Rescaling(1 / 255, { name: 'r' }).getConfig()).toEqual({ name: 'r', trainable: true, dtype: 'float32', scale: 1 / 255, offset: 0 });
  });

  it('rejects a missing or non-finite scale and unknown options', () => {
    expect(() => new Rescaling({} as never)).toThrow(ValueError);
    expect(() => new Rescaling(Infinity, { name: 'r' })).toThrow(new ValueError("Rescaling 'r': scale must be a finite number, got Infinity"));
    expect(() => new Rescaling(1, { ofset: 1 } as never)).toThrow(/Did you mean 'offset'\?/);
  });
});
