// Constraints against TensorFlow.js 4.22's (same formulas and epsilon as Keras 3), the one
// registry, serialisation as TensorFlow.js writes it, and errors.
import * as tf from '@tensorflow/tfjs';
import { closenessMismatches, ShapeError, tensor, ValueError, type Tensor } from '@strata/core';
import {
  BatchNormalization, Conv1D, Conv2D, Conv2DTranspose, Dense, deserializeLayer, getConstraint, MaxNorm, maxNorm, MinMaxNorm, minMaxNorm, NonNeg, nonNeg, PReLU,
  serializeConstraint, UnitNorm, unitNorm, type Constraint,
} from '../src';
import { randomInput } from './helpers/layer_test';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function expectSameAsTfjs(ours: Constraint, theirs: { apply: (w: tf.Tensor) => tf.Tensor }, w: Tensor): void {
  const want = theirs.apply(tf.tensor(Array.from(w.f32), w.shape)).dataSync();
  expect(closenessMismatches(ours.apply(w).f32, want, { rtol: 1e-6, atol: 1e-7 })).toEqual([]);
}

describe('constraints compute what TensorFlow.js computes', () => {
  const dense = randomInput([5, 4], 'k', 0); // a Dense kernel [in, out]
  const conv = randomInput([3, 3, 2, 4], 'c', 0); // a Conv2D kernel
  test.each([
    ['maxNorm() (2, axis 0)', () => maxNorm(), () => tf.constraints.maxNorm({ maxValue: 2, axis: 0 }), dense],
    ['maxNorm(0.5, axis 0): every column capped', () => maxNorm({ maxValue: 0.5 }), () => tf.constraints.maxNorm({ maxValue: 0.5, axis: 0 }), dense],
    ['maxNorm(0.8, axis [0, 1, 2]) on a conv kernel', () => maxNorm({ maxValue: 0.8, axis: [0, 1, 2] }), () => tf.constraints.maxNorm({ maxValue: 0.8, axis: [0, 1, 2] as never }), conv],
    ['minMaxNorm() (0, 1, rate 1)', () => minMaxNorm(), () => tf.constraints.minMaxNorm({ minValue: 0, maxValue: 1, rate: 1, axis: 0 }), dense],
    ['minMaxNorm(0.9, 1.1, rate 0.5, axis 1)', () => minMaxNorm({ minValue: 0.9, maxValue: 1.1, rate: 0.5, axis: 1 }), () => tf.constraints.minMaxNorm({ minValue: 0.9, maxValue: 1.1, rate: 0.5, axis: 1 }), dense],
    ['nonNeg()', () => nonNeg(), () => tf.constraints.nonNeg(), dense],
    ['unitNorm() (axis 0)', () => unitNorm(), () => tf.constraints.unitNorm({ axis: 0 }), dense],
    ['unitNorm(axis -1) on a conv kernel', () => unitNorm({ axis: -1 }), () => tf.constraints.unitNorm({ axis: -1 }), conv],
  ] as const)('%s', (_name, ours, theirs, w) => {
    expectSameAsTfjs(ours(), theirs(), w);
  });

  test('maxNorm leaves a column already within the cap as it is (up to epsilon)', () => {
    const w = tensor([[0.3, 3], [0.4, 4]]);
    const y = maxNorm({ maxValue: 1 }).apply(w).f32;
    expect(y[0]).toBeCloseTo(0.3, 6);
    expect(Math.hypot(y[1], y[3])).toBeCloseTo(1, 6);
  });

  test('NaN stays NaN (nonNeg multiplies by w >= 0, as Keras)', () => {
    // -1 * 0 is -0, as Keras's product gives.
    expect(Array.from(nonNeg().apply(tensor([NaN, -1, 2])).f32)).toEqual([NaN, -0, 2]);
  });
});

describe('one registry; serialised as TensorFlow.js writes it', () => {
  test.each([
    ['max_norm', MaxNorm], ['maxNorm', MaxNorm], ['MaxNorm', MaxNorm], ['min_max_norm', MinMaxNorm], ['non_neg', NonNeg], ['NonNeg', NonNeg],
    ['unit_norm', UnitNorm], ['unitNorm', UnitNorm],
  ] as const)('%s', (name, cls) => {
    expect(getConstraint(name)).toBeInstanceOf(cls);
  });
  test('configs and defaults are Keras 3\'s, keys TensorFlow.js\'s', () => {
    expect(serializeConstraint(getConstraint('max_norm'))).toEqual({ className: 'MaxNorm', config: { maxValue: 2, axis: 0 } });
    expect(serializeConstraint(getConstraint('min_max_norm'))).toEqual({ className: 'MinMaxNorm', config: { minValue: 0, maxValue: 1, rate: 1, axis: 0 } });
    expect(serializeConstraint(nonNeg())).toEqual({ className: 'NonNeg', config: {} });
    expect(serializeConstraint(unitNorm({ axis: [0, 1] }))).toEqual({ className: 'UnitNorm', config: { axis: [0, 1] } });
    expect((getConstraint({ className: 'MaxNorm', config: { maxValue: 3, axis: [0, 1, 2] } }) as MaxNorm).getConfig()).toEqual({ maxValue: 3, axis: [0, 1, 2] });
    for (const [name, c] of Object.entries({ maxNorm: maxNorm(), minMaxNorm: minMaxNorm(), nonNeg: nonNeg(), unitNorm: unitNorm() })) {
      expect(tf.serialization.SerializationMap.getMap().classNameMap[c.className]).toBeDefined();
      expect(getConstraint(serializeConstraint(c)!)).toEqual(getConstraint(name));
    }
  });
  test('errors: unknown names with a suggestion, bad values, unknown options', () => {
    expect(() => getConstraint('max_nrom', "Dense 'd': kernelConstraint")).toThrow(/Dense 'd': kernelConstraint: unknown constraint 'max_nrom'\. Did you mean 'maxNorm'\?/);
    expect(() => maxNorm({ maxValue: -1 })).toThrow(new ValueError('MaxNorm: maxValue must be a finite number >= 0, got -1'));
    expect(() => minMaxNorm({ minValue: 2, maxValue: 1 })).toThrow(/maxValue must be a finite number >= 2/);
    expect(() => unitNorm({ axis: 0.5 })).toThrow(/axis must be an integer/);
    expect(() => maxNorm({ max_value: 2 } as never)).toThrow(/Did you mean 'maxValue'/);
  });
});

describe('layers take constraints; the weight carries it', () => {
  test('Dense and Conv2D: kernelConstraint, biasConstraint; config round trip', () => {
    const d = new Dense({ units: 3, kernelConstraint: 'max_norm', biasConstraint: nonNeg(), name: 'dc' });
    d.ensureBuilt([null, 4]);
    expect(d.kernel!.constraint).not.toBeNull();
    expect(d.getConfig()).toMatchObject({ kernelConstraint: { className: 'MaxNorm', config: { maxValue: 2, axis: 0 } }, biasConstraint: { className: 'NonNeg', config: {} } });
    const again = deserializeLayer({ className: 'Dense', config: { ...d.getConfig(), name: 'dc2' } }) as Dense;
    expect(again.getConfig().kernelConstraint).toEqual(d.getConfig().kernelConstraint);
    const c = new Conv2D({ filters: 2, kernelSize: 2, kernelConstraint: maxNorm({ maxValue: 1, axis: [0, 1, 2] }) });
    c.ensureBuilt([null, 4, 4, 3]);
    const w = c.kernel!;
    expect(Array.from(w.constraint!(w).f32)).toEqual(Array.from(c.kernelConstraint!.apply(w).f32));
    expect(new Dense({ units: 2 }).getConfig()).toMatchObject({ kernelConstraint: null, biasConstraint: null });
  });
  test('Conv1D and Conv2DTranspose take them through the shared kernel options', () => {
    const c1 = new Conv1D({ filters: 2, kernelSize: 3, kernelConstraint: 'unit_norm', biasConstraint: 'non_neg' });
    c1.ensureBuilt([null, 6, 2]);
    const t = new Conv2DTranspose({ filters: 2, kernelSize: 2, kernelConstraint: maxNorm({ maxValue: 1, axis: [0, 1, 3] }) });
    t.ensureBuilt([null, 3, 3, 2]);
    for (const w of [c1.kernel!, c1.bias!, t.kernel!]) expect(w.constraint).not.toBeNull();
    expect(t.bias!.constraint).toBeNull();
    expect(c1.getConfig()).toMatchObject({ kernelConstraint: { className: 'UnitNorm' }, biasConstraint: { className: 'NonNeg' } });
    expect(t.getConfig()).toMatchObject({ kernelConstraint: { className: 'MaxNorm', config: { maxValue: 1, axis: [0, 1, 3] } } });
  });
  test('PReLU alphaConstraint and BatchNormalization beta/gammaConstraint', () => {
    const p = new PReLU({ alphaConstraint: 'non_neg' });
    p.ensureBuilt([null, 3]);
    expect(p.alpha!.constraint).not.toBeNull();
    expect(p.getConfig().alphaConstraint).toEqual({ className: 'NonNeg', config: {} });
    const bn = new BatchNormalization({ gammaConstraint: 'unit_norm', betaConstraint: maxNorm({ maxValue: 1 }) });
    bn.ensureBuilt([null, 5]);
    expect(bn.gamma!.constraint).not.toBeNull();
    expect(bn.beta!.constraint).not.toBeNull();
    expect(bn.movingMean!.constraint).toBeNull();
    expect(bn.getConfig()).toMatchObject({ gammaConstraint: { className: 'UnitNorm' }, betaConstraint: { className: 'MaxNorm' } });
  });
  test('an axis outside the weight is a ShapeError at build, before any training', () => {
    const d = new Dense({ units: 3, kernelConstraint: maxNorm({ axis: 2 }), name: 'bad' });
    expect(() => d.ensureBuilt([null, 4])).toThrow(new ShapeError("Dense 'bad' kernelConstraint: MaxNorm axis 2 is outside the weight's 2 axes (shape [4, 3])"));
  });
});
