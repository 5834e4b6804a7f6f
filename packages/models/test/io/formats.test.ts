import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor, type Tensor } from '@strata/core';
import {
  BatchNormalization, Conv2D, Conv2DTranspose, Dense, DepthwiseConv2D, Dropout, ELU, Flatten, LeakyReLU, maxNorm, MaxPooling2D, PReLU, ReLU,
  SeparableConv2D, Softmax,
} from '@strata/layers';
import * as layers from '@strata/layers';
import { Adam, loadModel, RMSprop, Sequential, type Optimizer } from '@strata/models';
import { cleanup, perturbBatchNorm, randomValues, tempDir } from './helpers';

afterAll(cleanup);

/**
 * Writes a model.json as other tools write it, with `weights` (in `reference`'s weight order,
 * named `names`) cut into `shards` files at byte boundaries that ignore weight boundaries, as
 * tensorflowjs_converter cuts at 4 MiB.
 */
function writeModel(dir: string, json: Record<string, unknown>, reference: Sequential, names: string[], shards: number): void {
  const values = reference.getWeights();
  const bytes = Buffer.concat(values.map((w) => Buffer.from((w.values as Float32Array).slice().buffer)));
  const size = Math.ceil(bytes.length / shards / 4) * 4 + 2;
  const paths = Array.from({ length: shards }, (_, i) => `group1-shard${i + 1}of${shards}.bin`);
  paths.forEach((p, i) => writeFileSync(join(dir, p), bytes.subarray(i * size, Math.min(bytes.length, (i + 1) * size))));
  const weights = values.map((w, i) => ({ name: names[i], shape: w.shape, dtype: 'float32' }));
  writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: [{ paths, weights }] }));
}

const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const keras3 = (className: string, config: Record<string, unknown>, inputShape?: number[]) => ({
  module: 'keras.layers',
  class_name: className,
  config: { trainable: true, dtype: policy, ...config },
  registered_name: null,
  ...(inputShape ? { build_config: { input_shape: inputShape } } : {}),
});
const init = (className: string, config: Record<string, unknown> = {}) => ({ module: 'keras.initializers', class_name: className, config, registered_name: null });

function predictionsOf(model: Sequential, x: Tensor): number[] {
  return Array.from(model.predict(x).values);
}

describe('loading what other tools write', () => {
  test('Keras 3: InputLayer with batch_shape, module/registered_name/build_config/DTypePolicy noise, L2, scoped weight names', async () => {
    const reference = new Sequential({
      layers: [
        new Dense({ units: 3, activation: 'relu', inputShape: [4] }), new BatchNormalization(), new Dropout({ rate: 0.5 }), new Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    perturbBatchNorm(reference, 3);
    const bn = { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, beta_initializer: init('Zeros'), gamma_initializer: init('Ones'), moving_mean_initializer: init('Zeros'), moving_variance_initializer: init('Ones'), beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null, synchronized: false };
    const dense = (name: string, units: number, activation: string, regularizer: unknown) => ({
      name, units, activation, use_bias: true, kernel_initializer: init('GlorotUniform', { seed: null }), bias_initializer: init('Zeros'),
      kernel_regularizer: regularizer, bias_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    const topology = {
      module: 'keras', class_name: 'Sequential', registered_name: null, build_config: { input_shape: [null, 4] },
      config: {
        name: 'sequential', trainable: true, dtype: policy, build_input_shape: [null, 4],
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null },
          keras3('Dense', dense('dense', 3, 'relu', { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null }), [null, 4]),
          keras3('BatchNormalization', { name: 'batch_normalization', ...bn }, [null, 3]),
          keras3('Dropout', { name: 'dropout', rate: 0.5, seed: null, noise_shape: null }, [null, 3]),
          keras3('Dense', dense('dense_1', 2, 'softmax', null), [null, 3]),
        ],
      },
    };
    const trainingConfig = {
      loss: 'categorical_crossentropy', metrics: ['accuracy'], weighted_metrics: null, loss_weights: null,
      optimizer_config: {
        class_name: 'Adam',
        config: {
          name: 'adam', learning_rate: 0.0010000000474974513, weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, use_ema: false, ema_momentum: 0.99,
          ema_overwrite_frequency: null, loss_scale_factor: null, gradient_accumulation_steps: null, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false,
        },
      },
    };
    const names = ['dense/kernel', 'dense/bias', 'batch_normalization/gamma', 'batch_normalization/beta', 'batch_normalization/moving_mean', 'batch_normalization/moving_variance', 'dense_1/kernel', 'dense_1/bias'];
    const dir = tempDir();
    writeModel(dir, { format: 'layers-model', generatedBy: 'keras v3.6.0', convertedBy: 'TensorFlow.js Converter v4.22.0', modelTopology: topology, trainingConfig }, reference, names.map((n) => `sequential/${n}`), 2);

    const loaded = await loadModel(dir);
    expect(loaded.inputShape).toEqual([null, 4]);
    expect(loaded.layers.map((l) => l.name)).toEqual(['dense', 'batch_normalization', 'dropout', 'dense_1']);
    expect(loaded.layers[0].getConfig().kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.01 } });
    expect(loaded.optimizer).toBeInstanceOf(Adam);
    expect((loaded.optimizer as Optimizer).learningRate).toBeCloseTo(0.001, 9);
    const x = randomValues([6, 4], 4);
    expect(predictionsOf(loaded, x)).toEqual(predictionsOf(reference, x));
    expect(loaded.evaluate(x, tensor(new Float32Array(12).fill(0.5), [6, 2]))).toHaveProperty('accuracy');
  });

  test('Keras 2 through tensorflowjs_converter: nested model_config and training_config, three shards, Keras 2 RMSprop', async () => {
    const reference = new Sequential({
      layers: [
        new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }),
        new MaxPooling2D({ poolSize: 2 }), new Flatten(), new Dense({ units: 3, activation: 'softmax' }),
      ],
    });
    const conv = {
      name: 'conv2d', trainable: true, batch_input_shape: [null, 6, 6, 1], dtype: 'float32', filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'valid',
      data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true,
      // As TensorFlow.js and Keras 2 write glorot_normal: 'normal' means truncated normal.
      kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    };
    const modelTopology = {
      keras_version: '2.15.0', backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential_7',
          layers: [
            { class_name: 'Conv2D', config: conv },
            { class_name: 'MaxPooling2D', config: { name: 'max_pooling2d', trainable: true, dtype: 'float32', pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' } },
            { class_name: 'Flatten', config: { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' } },
            { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 3, activation: 'softmax', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} } } },
          ],
        },
      },
      training_config: {
        loss: 'sparse_categorical_crossentropy', metrics: [['accuracy']], weighted_metrics: null, loss_weights: null,
        optimizer_config: { class_name: 'RMSprop', config: { name: 'RMSprop', learning_rate: 0.002, decay: 0, rho: 0.8, momentum: 0, epsilon: 1e-7, centered: false, jit_compile: true, is_legacy_optimizer: false } },
      },
    };
    const dir = tempDir();
    writeModel(dir, { format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.22.0', modelTopology }, reference, ['conv2d/kernel', 'conv2d/bias', 'dense/kernel', 'dense/bias'], 3);

    const loaded = await loadModel(dir);
    expect(loaded.name).toBe('sequential_7');
    expect(loaded.layers[0].getConfig().kernelInitializer).toEqual({ className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal', seed: null } });
    expect(loaded.optimizer).toBeInstanceOf(RMSprop);
    expect((loaded.optimizer as RMSprop).rho).toBe(0.8);
    const x = randomValues([3, 6, 6, 1], 5);
    expect(predictionsOf(loaded, x)).toEqual(predictionsOf(reference, x));
  });
});

describe('loading what Keras 3 writes for the issue 16 convolutions', () => {
  test('DepthwiseConv2D, SeparableConv2D, Conv2DTranspose with every Keras 3 key (constraints null, output_padding set)', async () => {
    const reference = new Sequential({
      layers: [
        new DepthwiseConv2D(3, { depthMultiplier: 2, padding: 'same', activation: 'relu', inputShape: [7, 6, 2] }),
        new SeparableConv2D(3, [2, 3], { strides: 2 }),
        new Conv2DTranspose(2, 3, { strides: 2, padding: 'same', outputPadding: 1, activation: 'tanh' }),
      ],
    });
    reference.setWeights(reference.getWeights().map((w, i) => randomValues([...w.shape], 40 + i, 0.5)));
    const common = (name: string, inputShape: number[]) => ({
      name, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], activation: 'linear', use_bias: true,
      bias_initializer: init('Zeros'), bias_regularizer: null, activity_regularizer: null, bias_constraint: null, input: inputShape,
    });
    const glorot = init('GlorotUniform', { seed: null });
    const layers = [
      keras3('DepthwiseConv2D', {
        ...common('depthwise_conv2d', [null, 7, 6, 2]), padding: 'same', activation: 'relu',
        depth_multiplier: 2, depthwise_initializer: glorot, depthwise_regularizer: null, depthwise_constraint: null,
      }, [null, 7, 6, 2]),
      keras3('SeparableConv2D', {
        ...common('separable_conv2d', [null, 7, 6, 4]), filters: 3, kernel_size: [2, 3], strides: [2, 2], depth_multiplier: 1,
        depthwise_initializer: glorot, pointwise_initializer: glorot, depthwise_regularizer: null, pointwise_regularizer: null,
        depthwise_constraint: null, pointwise_constraint: null,
      }, [null, 7, 6, 4]),
      keras3('Conv2DTranspose', {
        ...common('conv2d_transpose', [null, 3, 2, 3]), filters: 2, strides: [2, 2], padding: 'same', output_padding: [1, 1], activation: 'tanh',
        kernel_initializer: glorot, kernel_regularizer: null, kernel_constraint: null,
      }, [null, 3, 2, 3]),
    ].map((l) => ({ ...l, config: Object.fromEntries(Object.entries(l.config).filter(([k]) => k !== 'input')) }));
    const topology = {
      module: 'keras', class_name: 'Sequential', registered_name: null, build_config: { input_shape: [null, 7, 6, 2] },
      config: {
        name: 'sequential', trainable: true, dtype: policy, build_input_shape: [null, 7, 6, 2],
        layers: [{ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 7, 6, 2], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null }, ...layers],
      },
    };
    const names = [
      'depthwise_conv2d/depthwise_kernel', 'depthwise_conv2d/bias', 'separable_conv2d/depthwise_kernel', 'separable_conv2d/pointwise_kernel',
      'separable_conv2d/bias', 'conv2d_transpose/kernel', 'conv2d_transpose/bias',
    ];
    const dir = tempDir();
    writeModel(dir, { format: 'layers-model', generatedBy: 'keras v3.6.0', convertedBy: 'TensorFlow.js Converter v4.22.0', modelTopology: topology }, reference, names.map((n) => `sequential/${n}`), 1);
    const loaded = await loadModel(dir);
    const options = (l: { getConfig(): Record<string, unknown> }) => ({ ...l.getConfig(), name: undefined, batchInputShape: undefined });
    expect(loaded.layers.map(options)).toEqual(reference.layers.map(options));
    expect(loaded.outputShape).toEqual([null, 6, 4, 2]);
    const x = randomValues([2, 7, 6, 2], 6);
    expect(predictionsOf(loaded, x)).toEqual(predictionsOf(reference, x));
  });
});

describe('loading what Keras 3 writes for the issue 16 activations and constraints', () => {
  test('activation layers with every Keras 3 key, Keras 3 activation strings (hard_sigmoid included), constraints', async () => {
    const reference = new Sequential({
      layers: [
        new Dense(5, { activation: 'hard_sigmoid', kernelConstraint: maxNorm({ maxValue: 1.5 }), biasConstraint: 'non_neg', inputShape: [4] }),
        new ReLU({ maxValue: 0.8, negativeSlope: 0.1, threshold: 0.05 }), new LeakyReLU(0.2), new PReLU({ sharedAxes: [1] }), new ELU(0.5),
        new Dense(3, { activation: 'silu' }), new Softmax(-1),
      ],
    });
    reference.setWeights(reference.getWeights().map((w, i) => randomValues([...w.shape], 60 + i, 1.5)));
    const constraint = (className: string, config: Record<string, unknown>) => ({ module: 'keras.constraints', class_name: className, config, registered_name: null });
    const dense = (name: string, units: number, activation: string, extra: Record<string, unknown>) => keras3('Dense', {
      name, units, activation, use_bias: true, kernel_initializer: init('GlorotUniform', { seed: null }), bias_initializer: init('Zeros'),
      kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null, ...extra,
    });
    const layers = [
      dense('dense', 5, 'hard_sigmoid', { kernel_constraint: constraint('MaxNorm', { max_value: 1.5, axis: 0 }), bias_constraint: constraint('NonNeg', {}) }),
      keras3('ReLU', { name: 're_lu', max_value: 0.8, negative_slope: 0.1, threshold: 0.05 }),
      keras3('LeakyReLU', { name: 'leaky_re_lu', negative_slope: 0.2 }),
      keras3('PReLU', { name: 'p_re_lu', alpha_initializer: init('Zeros'), alpha_regularizer: null, alpha_constraint: null, shared_axes: [1] }),
      keras3('ELU', { name: 'elu', alpha: 0.5 }),
      dense('dense_1', 3, 'silu', {}),
      keras3('Softmax', { name: 'softmax', axis: -1 }),
    ];
    const topology = {
      module: 'keras', class_name: 'Sequential', registered_name: null, build_config: { input_shape: [null, 4] },
      config: {
        name: 'sequential', trainable: true, dtype: policy, build_input_shape: [null, 4],
        layers: [{ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null }, ...layers],
      },
    };
    const names = ['dense/kernel', 'dense/bias', 'p_re_lu/alpha', 'dense_1/kernel', 'dense_1/bias'];
    const dir = tempDir();
    writeModel(dir, { format: 'layers-model', generatedBy: 'keras v3.6.0', convertedBy: 'TensorFlow.js Converter v4.22.0', modelTopology: topology }, reference, names.map((n) => `sequential/${n}`), 1);
    const loaded = await loadModel(dir);
    const options = (l: { getConfig(): Record<string, unknown> }) => ({ ...l.getConfig(), name: undefined, batchInputShape: undefined });
    expect(loaded.layers.map(options)).toEqual(reference.layers.map(options));
    const x = randomValues([3, 4], 7, 3);
    expect(predictionsOf(loaded, x)).toEqual(predictionsOf(reference, x));
  });
});

describe('a model file whose first layer has no input shape', () => {
  test('loads unbuilt and still applies its trainingConfig', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.json'), JSON.stringify({
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'deferred', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, activation: 'linear' } }] },
      },
      weightsManifest: [],
      trainingConfig: { loss: 'mean_squared_error', metrics: [], optimizer_config: { class_name: 'SGD', config: { learning_rate: 0.5 } } },
    }));
    const loaded = await loadModel(dir);
    expect(loaded.built).toBe(false);
    expect(loaded.optimizer?.getConfig()).toMatchObject({ learningRate: 0.5 });
  });
});

describe('loading what Keras 3 writes for the issue 16 pooling layers and Conv1D', () => {
  test('Conv1D (causal, groups 1), MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D (keepdims), with every Keras 3 key', async () => {
    const reference = new Sequential({
      layers: [
        new layers.Conv1D(4, 3, { padding: 'causal', dilationRate: 2, activation: 'relu', inputShape: [12, 2] }),
        new layers.MaxPooling1D(2), new layers.AveragePooling1D(3, { strides: 2, padding: 'same' }), new layers.GlobalAveragePooling1D({ keepdims: true }),
      ],
    });
    reference.setWeights(reference.getWeights().map((w, i) => randomValues([...w.shape], 60 + i, 0.5)));
    const pool = (name: string, size: number, strides: number, padding: string) => ({ name, pool_size: [size], padding, strides: [strides], data_format: 'channels_last' });
    const topology = {
      module: 'keras', class_name: 'Sequential', registered_name: null, build_config: { input_shape: [null, 12, 2] },
      config: {
        name: 'sequential', trainable: true, dtype: policy, build_input_shape: [null, 12, 2],
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 12, 2], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null },
          keras3('Conv1D', {
            name: 'conv1d', filters: 4, kernel_size: [3], strides: [1], padding: 'causal', data_format: 'channels_last', dilation_rate: [2], groups: 1,
            activation: 'relu', use_bias: true, kernel_initializer: init('GlorotUniform', { seed: null }), bias_initializer: init('Zeros'),
            kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
          }, [null, 12, 2]),
          keras3('MaxPooling1D', pool('max_pooling1d', 2, 2, 'valid'), [null, 12, 4]),
          keras3('AveragePooling1D', pool('average_pooling1d', 3, 2, 'same'), [null, 6, 4]),
          keras3('GlobalAveragePooling1D', { name: 'global_average_pooling1d', data_format: 'channels_last', keepdims: true }, [null, 3, 4]),
        ],
      },
    };
    const dir = tempDir();
    writeModel(dir, { format: 'layers-model', generatedBy: 'keras v3.6.0', convertedBy: 'TensorFlow.js Converter v4.22.0', modelTopology: topology }, reference, ['sequential/conv1d/kernel', 'sequential/conv1d/bias'], 1);
    const loaded = await loadModel(dir);
    const options = (l: { getConfig(): Record<string, unknown> }) => ({ ...l.getConfig(), name: undefined, batchInputShape: undefined });
    expect(loaded.layers.map(options)).toEqual(reference.layers.map(options));
    expect(loaded.outputShape).toEqual([null, 1, 4]);
    const x = randomValues([2, 12, 2], 7);
    expect(predictionsOf(loaded, x)).toEqual(predictionsOf(reference, x));
  });

  test('AveragePooling2D and GlobalMaxPooling2D (keepdims false) from Keras 3 keys; groups other than 1 refused by name', async () => {
    const reference = new Sequential({ layers: [new layers.AveragePooling2D(2, { padding: 'same', inputShape: [5, 6, 2] }), new layers.GlobalMaxPooling2D()] });
    const topology = (groups: number) => ({
      module: 'keras', class_name: 'Sequential', registered_name: null,
      config: {
        name: 'sequential', trainable: true, dtype: policy,
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 5, 6, 2], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null },
          keras3('AveragePooling2D', { name: 'average_pooling2d', pool_size: [2, 2], padding: 'same', strides: [2, 2], data_format: 'channels_last' }),
          keras3('GlobalMaxPooling2D', { name: 'global_max_pooling2d', data_format: 'channels_last', keepdims: false }),
          ...(groups === 1 ? [] : [keras3('Conv1D', { name: 'conv1d', filters: 2, kernel_size: [1], groups })]),
        ],
      },
    });
    const dir = tempDir();
    writeModel(dir, { format: 'layers-model', modelTopology: topology(1) }, reference, [], 1);
    const loaded = await loadModel(dir);
    expect(loaded.outputShape).toEqual([null, 2]);
    const x = randomValues([2, 5, 6, 2], 8);
    expect(predictionsOf(loaded, x)).toEqual(predictionsOf(reference, x));
    const bad = tempDir();
    writeModel(bad, { format: 'layers-model', modelTopology: topology(2) }, reference, [], 1);
    await expect(loadModel(bad)).rejects.toThrow(/'groups' = 2 is not supported by Strata/);
  });
});
