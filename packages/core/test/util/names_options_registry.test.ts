import {
  checkOptions, closestName, editDistance, fmtShape, normalizePair, optionKeys, Registry, toCamelCase, toSnakeCase, ValueError,
} from '@strata/core';

describe('toSnakeCase / toCamelCase', () => {
  it.each([
    ['BatchNormalization', 'batch_normalization'], ['Conv2D', 'conv2d'], ['MaxPooling2D', 'max_pooling2d'],
    ['kernelSize', 'kernel_size'], ['batchInputShape', 'batch_input_shape'], ['HTTPServer', 'http_server'],
    ['dense', 'dense'], ['globalClipNorm', 'global_clip_norm'],
  ])('%s -> %s', (from, to) => expect(toSnakeCase(from)).toBe(to));

  it('camelCases Keras keys', () => {
    expect(toCamelCase('kernel_size')).toBe('kernelSize');
    expect(toCamelCase('beta_1')).toBe('beta1');
    expect(toCamelCase('learning_rate')).toBe('learningRate');
  });
});

describe('fmtShape and normalizePair', () => {
  it('prints unknown dimensions as null', () => {
    expect(fmtShape([null, 3, 4])).toBe('[null, 3, 4]');
    expect(fmtShape([])).toBe('[]');
  });
  it('expands numbers and checks pairs, naming the argument', () => {
    expect(normalizePair(3, 'Conv2D', 'kernelSize')).toEqual([3, 3]);
    expect(normalizePair([2, 1], 'Conv2D', 'kernelSize')).toEqual([2, 1]);
    expect(() => normalizePair([2, 0], 'Conv2D', 'kernelSize')).toThrow(/Conv2D: kernelSize must be a positive integer or a pair of them, got \[2,0\]/);
    expect(() => normalizePair('3', 'MaxPooling2D', 'poolSize')).toThrow(ValueError);
  });
});

describe('closestName', () => {
  const valid = ['units', 'activation', 'useBias', 'kernelInitializer', 'inputShape', 'learningRate'];
  it('maps snake_case to camelCase', () => {
    expect(closestName('input_shape', valid)).toBe('inputShape');
    expect(closestName('learning_rate', valid)).toBe('learningRate');
    expect(closestName('use_bias', valid)).toBe('useBias');
  });
  it('catches typos by edit distance', () => {
    expect(editDistance('activaton', 'activation')).toBe(1);
    expect(editDistance('Desne', 'Dense')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestName('activaton', valid)).toBe('activation');
    expect(closestName('unit', valid)).toBe('units');
  });
  it('suggests nothing for unrelated names', () => {
    expect(closestName('zzz', valid)).toBeNull();
  });
});

describe('checkOptions', () => {
  interface Args { units?: number; activation?: string; learningRate?: number }
  const keys = optionKeys<Args>()({ units: true, activation: true, learningRate: true });

  it('lists every key of the interface', () => expect(keys).toEqual(['units', 'activation', 'learningRate']));

  it('passes known keys and undefined', () => {
    expect(checkOptions({ units: 2 }, keys, 'Dense')).toEqual({ units: 2 });
    expect(checkOptions(undefined, keys, 'Dense')).toEqual({});
  });

  it('names the function, the key and what was meant', () => {
    expect(() => checkOptions({ learning_rate: 1e-4 } as Args, keys, 'Adam')).toThrow("Adam: unknown option 'learning_rate'. Did you mean 'learningRate'?");
    expect(() => checkOptions({ activaton: 'relu' } as Args, keys, 'Dense')).toThrow("Dense: unknown option 'activaton'. Did you mean 'activation'?");
    expect(() => checkOptions({ lr: 1e-4 } as Args, keys, 'Adam')).toThrow("Adam: unknown option 'lr'. Did you mean 'learningRate'?");
    expect(() => checkOptions({ qqq: 1 } as Args, keys, 'Dense')).toThrow("Dense: unknown option 'qqq'. Valid options: units, activation, learningRate.");
  });

  it('refuses a non-object where options are expected', () => {
    expect(() => checkOptions(5 as unknown as Args, keys, 'Dense')).toThrow(/Dense: expected an options object \{ units, activation, learningRate \}, got number 5/);
    expect(() => checkOptions([1] as unknown as Args, keys, 'Dense')).toThrow(ValueError);
  });
});

describe('Registry', () => {
  const r = new Registry<number>('loss')
    .register('categoricalCrossentropy', 1, ['CategoricalCrossentropy'])
    .register('meanSquaredError', 2, ['mse']);

  it('resolves camelCase, snake_case, the class name and aliases', () => {
    for (const n of ['categoricalCrossentropy', 'categorical_crossentropy', 'CategoricalCrossentropy']) expect(r.get(n, 'compile')).toBe(1);
    expect(r.get('mse', 'compile')).toBe(2);
    expect(r.canonicalName('mean_squared_error')).toBe('meanSquaredError');
  });

  it('lists the valid names and the closest on an unknown one', () => {
    expect(() => r.get('categorical_crossentropi', 'compile')).toThrow(
      "compile: unknown loss 'categorical_crossentropi'. Did you mean 'categoricalCrossentropy'? Valid: categoricalCrossentropy, meanSquaredError.",
    );
    expect(() => r.get(undefined, 'compile')).toThrow('compile: unknown loss undefined. Valid: categoricalCrossentropy, meanSquaredError.');
  });
});
