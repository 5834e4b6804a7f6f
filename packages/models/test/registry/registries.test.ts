import { ValueError } from '@strata/core';
import { Dense, deserializeLayer, getInitializer, getRegularizer, MaxPooling2D } from '@strata/layers';
import {
  Adam, BinaryAccuracy, CategoricalAccuracy, CategoricalCrossentropy, ExponentialDecay, deserializeOptimizer, deserializeSchedule,
  getLoss, getMetric, getOptimizer, MeanSquaredError, RMSprop,
} from '@strata/models';

// One name rule for every string-identified thing: camelCase, snake_case and the class name.
describe('every registry resolves camelCase, snake_case and the class name', () => {
  it('losses', () => {
    for (const n of ['categoricalCrossentropy', 'categorical_crossentropy', 'CategoricalCrossentropy']) expect(getLoss(n)).toBeInstanceOf(CategoricalCrossentropy);
    expect(getLoss('mse')).toBeInstanceOf(MeanSquaredError);
  });
  it('metrics', () => {
    for (const n of ['categoricalAccuracy', 'categorical_accuracy', 'CategoricalAccuracy']) expect(getMetric(n, null)).toBeInstanceOf(CategoricalAccuracy);
    expect(getMetric('accuracy', getLoss('binary_crossentropy'))).toBeInstanceOf(BinaryAccuracy);
  });
  it('optimizers', () => {
    for (const n of ['rmsprop', 'RMSprop', 'rms_prop']) expect(getOptimizer(n)).toBeInstanceOf(RMSprop);
    expect(deserializeOptimizer({ className: 'Adam', config: {} })).toBeInstanceOf(Adam);
  });
  it('schedules', () => {
    for (const n of ['exponentialDecay', 'exponential_decay', 'ExponentialDecay']) {
      expect(deserializeSchedule({ className: n, config: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 } })).toBeInstanceOf(ExponentialDecay);
    }
  });
  it('initializers, regularizers, activations and layers', () => {
    for (const n of ['glorotUniform', 'glorot_uniform', 'GlorotUniform']) expect(getInitializer(n).className).toBe('GlorotUniform');
    for (const n of ['l1l2', 'l1_l2', 'L1L2']) expect(getRegularizer(n as 'l1l2')?.getConfig()).toEqual({ l1: 0.01, l2: 0.01 });
    expect(new Dense({ units: 2, activation: 'ReLU' as 'relu' }).activation).toBe('relu');
    for (const n of ['MaxPooling2D', 'max_pooling2d', 'MaxPool2D']) expect(deserializeLayer({ className: n, config: {} })).toBeInstanceOf(MaxPooling2D);
  });
});

describe('an unknown name lists the valid names and the closest', () => {
  it.each([
    [() => getLoss('categorical_crossentropi'), "compile: unknown loss 'categorical_crossentropi'. Did you mean 'categoricalCrossentropy'? Valid: categoricalCrossentropy,"],
    [() => getMetric('acuracy', null), "compile: unknown metric 'acuracy'. Did you mean 'accuracy'? Valid: accuracy,"],
    [() => getOptimizer('adm'), "compile: unknown optimizer 'adm'. Did you mean 'adam'? Valid: sgd, adam, adamw, rmsprop."],
    [() => getInitializer('glorot_unifrom'), "initializer: unknown initializer 'glorot_unifrom'. Did you mean 'glorotUniform'?"],
    [() => new Dense({ units: 2, activation: 'rellu' as 'relu', name: 'd' }), "Dense 'd': unknown activation 'rellu'. Did you mean 'relu'? Valid: linear, relu,"],
    [() => deserializeLayer({ className: 'Desne', config: {} }), "deserializeLayer: unknown layer class 'Desne'. Did you mean 'Dense'?"],
    [() => deserializeSchedule({ className: 'CosineDecai', config: {} }), "deserializeSchedule: unknown learning-rate schedule 'CosineDecai'. Did you mean 'cosineDecay'?"],
    [() => getRegularizer('l3' as 'l1'), "regularizer: unknown regularizer 'l3'. Did you mean 'l1'? Valid: l1, l2, l1l2."],
  ])('%#', (make, message) => {
    expect(make).toThrow(ValueError);
    expect(make).toThrow(message);
  });
});
