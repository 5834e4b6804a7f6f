import { tensor, ValueError, ShapeError } from '@strata/core';
import { ELU, LeakyReLU, PReLU, ReLU, Softmax, deserializeLayer, initializers, l2 } from '../../src';
import { randomInput, runLayerTest } from '../helpers/layer_test';

const values = (t: { f32: Float32Array }): number[] => Array.from(t.f32);

describe('ReLU', () => {
  test('layer contract, default and with every option', () => {
    runLayerTest(() => new ReLU(), { inputShape: [2, 3, 4], expectedOutputShape: [null, 3, 4], expectedTrainableWeights: 0 });
    runLayerTest(() => new ReLU({ maxValue: 0.5, negativeSlope: 0.1, threshold: 0.2 }), { inputShape: [2, 7], expectedOutputShape: [null, 7], expectedTrainableWeights: 0 });
  });
  test('Keras 3 semantics: x > threshold ? min(x, maxValue) : negativeSlope * (x - threshold); positional maxValue', () => {
    const x = tensor([[-2, 0, 0.5, 1, 3, 8, NaN]]);
    expect(values(new ReLU().apply(x))).toEqual([0, 0, 0.5, 1, 3, 8, NaN]);
    expect(values(new ReLU(6).apply(x))).toEqual([0, 0, 0.5, 1, 3, 6, NaN]);
    expect(values(new ReLU({ maxValue: 4, negativeSlope: 0.5, threshold: 1 }).apply(x))).toEqual([-1.5, -0.5, -0.25, 0, 3, 4, NaN]);
  });
  test('config: the three Keras 3 keys', () => {
    const c = new ReLU(6, { name: 'r' }).getConfig();
    expect(c).toMatchObject({ maxValue: 6, negativeSlope: 0, threshold: 0 });
  });
  test('errors name the layer and argument', () => {
    expect(() => new ReLU({ maxValue: -1, name: 'r1' })).toThrow(new ValueError("ReLU 'r1': maxValue must be a number >= 0 or null, got -1"));
    expect(() => new ReLU({ negativeSlope: -0.1, name: 'r2' })).toThrow(ValueError);
    expect(() => new ReLU({ threshold: NaN, name: 'r3' })).toThrow(ValueError);
    expect(() => new ReLU({ max_value: 6 } as never)).toThrow(/Did you mean 'maxValue'/);
  });
});

describe('LeakyReLU', () => {
  test('layer contract; default slope 0.3 (Keras 3); positional form', () => {
    runLayerTest(() => new LeakyReLU(), { inputShape: [2, 5], expectedOutputShape: [null, 5], expectedTrainableWeights: 0 });
    expect(new LeakyReLU().negativeSlope).toBe(0.3);
    expect(values(new LeakyReLU(0.1).apply(tensor([[-2, 3, NaN]])))).toEqual([Math.fround(-0.2), 3, NaN]);
  });
  test("config says 'alpha', TensorFlow.js's key; alpha is accepted as negativeSlope's alias", () => {
    const l = new LeakyReLU({ negativeSlope: 0.2, name: 'lr' });
    expect(l.getConfig()).toMatchObject({ alpha: 0.2 });
    expect(l.getConfig().negativeSlope).toBeUndefined();
    expect((deserializeLayer({ className: 'LeakyReLU', config: { name: 'lr2', alpha: 0.05 } }) as LeakyReLU).negativeSlope).toBe(0.05);
    expect((deserializeLayer({ className: 'LeakyReLU', config: { name: 'lr3', negativeSlope: 0.07 } }) as LeakyReLU).negativeSlope).toBe(0.07);
    expect(() => new LeakyReLU({ negativeSlope: 0.1, alpha: 0.2, name: 'lr4' })).toThrow(/negativeSlope \(0\.1\) and its alias alpha \(0\.2\) differ/);
    expect(() => new LeakyReLU({ alpha: -1, name: 'lr5' })).toThrow(new ValueError("LeakyReLU 'lr5': alpha must be a number >= 0, got -1"));
  });
});

describe('ELU', () => {
  test('layer contract with alpha 1 and 0.5', () => {
    runLayerTest(() => new ELU(), { inputShape: [2, 5], expectedOutputShape: [null, 5], expectedTrainableWeights: 0 });
    runLayerTest(() => new ELU(0.5), { inputShape: [2, 5], expectedOutputShape: [null, 5], expectedTrainableWeights: 0 });
    expect(values(new ELU(0.5).apply(tensor([[-1, 2]])))).toEqual([Math.fround(0.5 * Math.expm1(-1)), 2]);
  });
});

describe('Softmax', () => {
  test('layer contract on the last and a middle axis', () => {
    runLayerTest(() => new Softmax(), { inputShape: [2, 3, 4], expectedOutputShape: [null, 3, 4], expectedTrainableWeights: 0 });
    runLayerTest(() => new Softmax(1), { inputShape: [2, 3, 4], expectedOutputShape: [null, 3, 4], expectedTrainableWeights: 0 });
  });
  test('sums to 1 over its axis; default axis -1 (Keras)', () => {
    const y = new Softmax({ axis: 1 }).apply(randomInput([2, 3, 4], 's'));
    const v = y.f32;
    for (let b = 0; b < 2; b++) for (let k = 0; k < 4; k++) expect(v[b * 12 + k] + v[b * 12 + 4 + k] + v[b * 12 + 8 + k]).toBeCloseTo(1, 6);
    expect(new Softmax().axis).toBe(-1);
  });
  test('a batch axis or an axis outside the input is a ShapeError before anything runs', () => {
    expect(() => new Softmax({ axis: 0, name: 'sm' }).apply(randomInput([2, 3], 1))).toThrow(ShapeError);
    expect(() => new Softmax({ axis: 3, name: 'sm2' }).apply(randomInput([2, 3], 1))).toThrow(/axis 3 must be a non-batch axis/);
    expect(() => new Softmax({ axis: 1.5 })).toThrow(ValueError);
  });
});

describe('PReLU', () => {
  test('layer contract: alpha per unit, or shared over axes; weight name alpha', () => {
    const l = runLayerTest(() => new PReLU({ alphaInitializer: new initializers.Constant(0.25) }), {
      inputShape: [2, 3, 4], expectedOutputShape: [null, 3, 4], expectedTrainableWeights: 1,
    }) as PReLU;
    expect(l.alpha!.shape).toEqual([3, 4]);
    expect(l.alpha!.name).toBe(`${l.name}/alpha`);
    const shared = runLayerTest(() => new PReLU({ sharedAxes: [1, 2], alphaInitializer: 'ones' }), {
      inputShape: [2, 4, 5, 3], expectedOutputShape: [null, 4, 5, 3], expectedTrainableWeights: 1,
    }) as PReLU;
    expect(shared.alpha!.shape).toEqual([1, 1, 3]);
    expect(shared.countParams()).toBe(3);
  });
  test('x >= 0 ? x : alpha * x, with alpha learned', () => {
    const l = new PReLU({ sharedAxes: 1 });
    l.ensureBuilt([null, 2, 2]);
    l.setWeights([tensor([[0.5, -2]])]);
    expect(values(l.apply(tensor([[[-2, -2], [3, 4]]])))).toEqual([-1, 4, 3, 4]);
  });
  test('regularizer and config round trip; default initializer zeros', () => {
    const l = new PReLU({ alphaRegularizer: l2(0.1), name: 'p' });
    l.ensureBuilt([null, 3]);
    expect(l.regularizationLosses()).toHaveLength(1);
    expect(l.getConfig()).toMatchObject({ alphaInitializer: { className: 'Zeros' }, alphaRegularizer: { className: 'L1L2' }, sharedAxes: null });
  });
  test('errors: bad sharedAxes, an unknown unshared axis, an axis beyond the input', () => {
    expect(() => new PReLU({ sharedAxes: [0] })).toThrow(/sharedAxes must be a positive integer/);
    expect(() => new PReLU({ name: 'pa' }).ensureBuilt([null, null, 3])).toThrow(/axis 1 of the input must be known/);
    expect(() => new PReLU({ sharedAxes: [3], name: 'pb' }).ensureBuilt([null, 2, 3])).toThrow(ShapeError);
  });
});
