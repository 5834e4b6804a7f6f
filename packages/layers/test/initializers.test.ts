import { tensor, ValueError } from '@strata/core';
import { getInitializer, initializers, l1, l1l2, getRegularizer } from '../src';

function moments(v: ArrayLike<number>): { mean: number; std: number; maxAbs: number } {
  let s = 0;
  let m = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let sq = 0;
  for (let i = 0; i < v.length; i++) {
    sq += (v[i] - mean) ** 2;
    m = Math.max(m, Math.abs(v[i]));
  }
  return { mean, std: Math.sqrt(sq / v.length), maxAbs: m };
}

describe('initializers', () => {
  test('fans count the receptive field of conv kernels, as Keras', () => {
    expect(initializers.computeFans([3, 3, 32, 64])).toEqual([288, 576]);
    expect(initializers.computeFans([100, 10])).toEqual([100, 10]);
  });

  test('variance-scaling family: limits and standard deviations', () => {
    const shape = [3, 3, 16, 32];
    const [fanIn, fanOut] = initializers.computeFans(shape);
    const gu = moments(getInitializer('glorotUniform').apply(shape).dataSync());
    expect(gu.maxAbs).toBeLessThanOrEqual(Math.sqrt(6 / (fanIn + fanOut)));
    expect(gu.std).toBeCloseTo(Math.sqrt(2 / (fanIn + fanOut)), 2);
    const he = moments(getInitializer('he_normal').apply(shape).dataSync());
    expect(he.std).toBeCloseTo(Math.sqrt(2 / fanIn), 2);
    expect(he.maxAbs).toBeLessThanOrEqual((2 * Math.sqrt(2 / fanIn)) / 0.8796256610342398 + 1e-6);
    const hu = moments(getInitializer('heUniform').apply(shape).dataSync());
    expect(hu.maxAbs).toBeLessThanOrEqual(Math.sqrt(6 / fanIn));
    const lc = moments(getInitializer('lecunNormal').apply(shape).dataSync());
    expect(lc.std).toBeCloseTo(Math.sqrt(1 / fanIn), 2);
    const gn = moments(getInitializer('GlorotNormal').apply(shape).dataSync());
    expect(gn.std).toBeCloseTo(Math.sqrt(2 / (fanIn + fanOut)), 2);
  });

  test('constants and Keras-default random initializers', () => {
    expect(Array.from(getInitializer('zeros').apply([3]).dataSync())).toEqual([0, 0, 0]);
    expect(Array.from(getInitializer('ones').apply([2]).dataSync())).toEqual([1, 1]);
    expect(Array.from(new initializers.Constant(2.5).apply([2]).dataSync())).toEqual([2.5, 2.5]);
    expect(moments(getInitializer('randomNormal').apply([20000]).dataSync()).std).toBeCloseTo(0.05, 2);
    expect(moments(getInitializer('randomUniform').apply([2000]).dataSync()).maxAbs).toBeLessThanOrEqual(0.05);
    expect(moments(getInitializer('truncatedNormal').apply([2000]).dataSync()).maxAbs).toBeLessThanOrEqual(0.1 + 1e-6);
  });

  test('seeded initializers repeat; {className, config} form; unknown names listed', () => {
    const a = getInitializer({ className: 'GlorotUniform', config: { seed: 7 } }).apply([4, 4]).dataSync();
    const b = new initializers.GlorotUniform(7).apply([4, 4]).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(() => getInitializer('nope')).toThrow(ValueError);
    expect(() => getInitializer('nope')).toThrow(/unknown initializer 'nope'. Valid: zeros, ones/);
  });

  test('regularizers', () => {
    expect(l1({ l1: 0.5 }).apply(tensor([1, -2])).item()).toBeCloseTo(1.5);
    expect(l1l2({ l1: 0.1, l2: 0.2 }).apply(tensor([1, -2])).item()).toBeCloseTo(0.3 + 1.0);
    expect(getRegularizer('l2')!.l2).toBe(0.01);
    expect(() => getRegularizer('l3' as never)).toThrow(/unknown regularizer/);
  });
});

describe('VarianceScaling arguments', () => {
  test('an unknown mode or distribution is named, not silently replaced', () => {
    expect(() => new initializers.VarianceScaling(1, 'fan_in' as never)).toThrow("VarianceScaling: mode must be 'fanIn', 'fanOut' or 'fanAvg', got 'fan_in'");
    expect(() => getInitializer({ className: 'VarianceScaling', config: { distribution: 'gaussian' } })).toThrow(/distribution must be/);
  });
});
