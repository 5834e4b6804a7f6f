/**
 * No unknown option is ever silent (issue 12, section 1). Every exported function and class of
 * @strata/layers, @strata/models and @strata/data, and every public method of Sequential, is
 * either in `takesOptions` (called with an unknown key and with a snake_case key, each must be
 * a ValueError naming the function, the key and the valid key meant) or in `noOptionsObject`
 * with the reason. The list is built from the exports, so a new function cannot escape.
 */
import { tensor, ValueError } from '@strata/core';
import * as layers from '@strata/layers';
import * as models from '@strata/models';
import * as data from '@strata/data';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Opts = Record<string, unknown>;
interface Case {
  /** Calls the function with `opts` where its options object goes. */
  call: (opts: Opts) => unknown;
  /** How the message names the function. */
  who: string;
  /** A valid option; its snake_case spelling (or a typo, for a one-word key) must suggest it. */
  camel: string;
  /** Valid options the call needs besides the probe. */
  base?: Opts;
}

const { Dense, Activation, InputLayer, Conv2D, MaxPooling2D, Dropout, Flatten, BatchNormalization, l1, l2, l1l2 } = layers;
const { Reshape, Permute, ZeroPadding2D, Cropping2D, UpSampling2D, LayerNormalization, SpatialDropout2D, GaussianNoise } = layers;
const m = models;

function compiledModel(): models.Sequential {
  const model = new m.Sequential([new Dense(2, { inputShape: [3], activation: 'softmax' })]);
  model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
  return model;
}
const x = tensor(new Float32Array(12), [4, 3]);
const y = tensor(new Float32Array([1, 0, 1, 0, 0, 1, 0, 1]), [4, 2]);
const dir = mkdtempSync(join(tmpdir(), 'strata-strict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const layerCases: Record<string, Case> = {
  Dense: { call: (o) => new Dense(o as never), who: 'Dense', camel: 'useBias', base: { units: 2 } },
  'Dense (positional)': { call: (o) => new Dense(2, o), who: 'Dense', camel: 'inputShape' },
  Activation: { call: (o) => new Activation(o as never), who: 'Activation', camel: 'batchInputShape', base: { activation: 'relu' } },
  'Activation (positional)': { call: (o) => new Activation('relu', o), who: 'Activation', camel: 'inputShape' },
  InputLayer: { call: (o) => new InputLayer(o), who: 'InputLayer', camel: 'inputShape', base: { inputShape: [2] } },
  Conv2D: { call: (o) => new Conv2D(o as never), who: 'Conv2D', camel: 'kernelSize', base: { filters: 2 } },
  'Conv2D (positional)': { call: (o) => new Conv2D(2, 3, o), who: 'Conv2D', camel: 'dilationRate' },
  MaxPooling2D: { call: (o) => new MaxPooling2D(o), who: 'MaxPooling2D', camel: 'poolSize' },
  'MaxPooling2D (positional)': { call: (o) => new MaxPooling2D(2, o), who: 'MaxPooling2D', camel: 'dataFormat' },
  // Issue 16, pooling.
  AveragePooling2D: { call: (o) => new layers.AveragePooling2D(o), who: 'AveragePooling2D', camel: 'poolSize' },
  'AveragePooling2D (positional)': { call: (o) => new layers.AveragePooling2D(2, o), who: 'AveragePooling2D', camel: 'dataFormat' },
  Conv1D: { call: (o) => new layers.Conv1D(o as never), who: 'Conv1D', camel: 'kernelSize', base: { filters: 2 } },
  'Conv1D (positional)': { call: (o) => new layers.Conv1D(2, 3, o), who: 'Conv1D', camel: 'dilationRate' },
  MaxPooling1D: { call: (o) => new layers.MaxPooling1D(o), who: 'MaxPooling1D', camel: 'poolSize' },
  'MaxPooling1D (positional)': { call: (o) => new layers.MaxPooling1D(2, o), who: 'MaxPooling1D', camel: 'dataFormat' },
  AveragePooling1D: { call: (o) => new layers.AveragePooling1D(o), who: 'AveragePooling1D', camel: 'poolSize' },
  'AveragePooling1D (positional)': { call: (o) => new layers.AveragePooling1D(2, o), who: 'AveragePooling1D', camel: 'inputShape' },
  GlobalAveragePooling2D: { call: (o) => new layers.GlobalAveragePooling2D(o), who: 'GlobalAveragePooling2D', camel: 'dataFormat' },
  GlobalMaxPooling2D: { call: (o) => new layers.GlobalMaxPooling2D(o), who: 'GlobalMaxPooling2D', camel: 'inputShape' },
  GlobalAveragePooling1D: { call: (o) => new layers.GlobalAveragePooling1D(o), who: 'GlobalAveragePooling1D', camel: 'keepdims' },
  GlobalMaxPooling1D: { call: (o) => new layers.GlobalMaxPooling1D(o), who: 'GlobalMaxPooling1D', camel: 'batchInputShape' },
  // Issue 16, convolution.
  DepthwiseConv2D: { call: (o) => new layers.DepthwiseConv2D(o as never), who: 'DepthwiseConv2D', camel: 'depthMultiplier', base: { kernelSize: 3 } },
  'DepthwiseConv2D (positional)': { call: (o) => new layers.DepthwiseConv2D(3, o), who: 'DepthwiseConv2D', camel: 'depthwiseInitializer' },
  SeparableConv2D: { call: (o) => new layers.SeparableConv2D(o as never), who: 'SeparableConv2D', camel: 'pointwiseRegularizer', base: { filters: 2, kernelSize: 3 } },
  'SeparableConv2D (positional)': { call: (o) => new layers.SeparableConv2D(2, 3, o), who: 'SeparableConv2D', camel: 'depthMultiplier' },
  Conv2DTranspose: { call: (o) => new layers.Conv2DTranspose(o as never), who: 'Conv2DTranspose', camel: 'outputPadding', base: { filters: 2, kernelSize: 3 } },
  'Conv2DTranspose (positional)': { call: (o) => new layers.Conv2DTranspose(2, 3, o), who: 'Conv2DTranspose', camel: 'dilationRate' },
  // Issue 16, activation layers.
  ReLU: { call: (o) => new layers.ReLU(o), who: 'ReLU', camel: 'negativeSlope' },
  'ReLU (positional)': { call: (o) => new layers.ReLU(6, o), who: 'ReLU', camel: 'threshold' },
  LeakyReLU: { call: (o) => new layers.LeakyReLU(o), who: 'LeakyReLU', camel: 'negativeSlope' },
  'LeakyReLU (positional)': { call: (o) => new layers.LeakyReLU(0.1, o), who: 'LeakyReLU', camel: 'inputShape' },
  PReLU: { call: (o) => new layers.PReLU(o), who: 'PReLU', camel: 'alphaInitializer' },
  ELU: { call: (o) => new layers.ELU(o), who: 'ELU', camel: 'inputShape' },
  'ELU (positional)': { call: (o) => new layers.ELU(0.5, o), who: 'ELU', camel: 'batchInputShape' },
  Softmax: { call: (o) => new layers.Softmax(o), who: 'Softmax', camel: 'inputShape' },
  'Softmax (positional)': { call: (o) => new layers.Softmax(1, o), who: 'Softmax', camel: 'batchInputShape' },
  Dropout: { call: (o) => new Dropout(o as never), who: 'Dropout', camel: 'noiseShape', base: { rate: 0.5 } },
  'Dropout (positional)': { call: (o) => new Dropout(0.5, o), who: 'Dropout', camel: 'noiseShape' },
  Flatten: { call: (o) => new Flatten(o), who: 'Flatten', camel: 'dataFormat' },
  BatchNormalization: { call: (o) => new BatchNormalization(o), who: 'BatchNormalization', camel: 'movingMeanInitializer' },
  Reshape: { call: (o) => new Reshape(o as never), who: 'Reshape', camel: 'targetShape', base: { targetShape: [2] } },
  'Reshape (positional)': { call: (o) => new Reshape([2], o), who: 'Reshape', camel: 'inputShape' },
  Permute: { call: (o) => new Permute(o as never), who: 'Permute', camel: 'batchInputShape', base: { dims: [1] } },
  'Permute (positional)': { call: (o) => new Permute([1], o), who: 'Permute', camel: 'inputShape' },
  ZeroPadding2D: { call: (o) => new ZeroPadding2D(o), who: 'ZeroPadding2D', camel: 'dataFormat' },
  'ZeroPadding2D (positional)': { call: (o) => new ZeroPadding2D(1, o), who: 'ZeroPadding2D', camel: 'dataFormat' },
  Cropping2D: { call: (o) => new Cropping2D(o), who: 'Cropping2D', camel: 'dataFormat' },
  'Cropping2D (positional)': { call: (o) => new Cropping2D(1, o), who: 'Cropping2D', camel: 'inputShape' },
  UpSampling2D: { call: (o) => new UpSampling2D(o), who: 'UpSampling2D', camel: 'dataFormat' },
  'UpSampling2D (positional)': { call: (o) => new UpSampling2D(2, o), who: 'UpSampling2D', camel: 'batchInputShape' },
  LayerNormalization: { call: (o) => new LayerNormalization(o), who: 'LayerNormalization', camel: 'gammaInitializer' },
  SpatialDropout2D: { call: (o) => new SpatialDropout2D(o as never), who: 'SpatialDropout2D', camel: 'dataFormat', base: { rate: 0.5 } },
  'SpatialDropout2D (positional)': { call: (o) => new SpatialDropout2D(0.5, o), who: 'SpatialDropout2D', camel: 'inputShape' },
  GaussianNoise: { call: (o) => new GaussianNoise(o as never), who: 'GaussianNoise', camel: 'stddev', base: { stddev: 0.1 } },
  'GaussianNoise (positional)': { call: (o) => new GaussianNoise(0.1, o), who: 'GaussianNoise', camel: 'batchInputShape' },
  // Issue 16, preprocessing and augmentation.
  Rescaling: { call: (o) => new layers.Rescaling(o as never), who: 'Rescaling', camel: 'inputShape', base: { scale: 0.5 } },
  'Rescaling (positional)': { call: (o) => new layers.Rescaling(0.5, o), who: 'Rescaling', camel: 'offset' },
  RandomFlip: { call: (o) => new layers.RandomFlip(o), who: 'RandomFlip', camel: 'dataFormat' },
  'RandomFlip (positional)': { call: (o) => new layers.RandomFlip('horizontal', o), who: 'RandomFlip', camel: 'seed' },
  RandomRotation: { call: (o) => new layers.RandomRotation(o as never), who: 'RandomRotation', camel: 'fillMode', base: { factor: 0.1 } },
  'RandomRotation (positional)': { call: (o) => new layers.RandomRotation(0.1, o), who: 'RandomRotation', camel: 'fillValue' },
  RandomZoom: { call: (o) => new layers.RandomZoom(o as never), who: 'RandomZoom', camel: 'widthFactor', base: { heightFactor: 0.1 } },
  'RandomZoom (positional)': { call: (o) => new layers.RandomZoom(0.1, o), who: 'RandomZoom', camel: 'interpolation' },
  RandomTranslation: { call: (o) => new layers.RandomTranslation(o as never), who: 'RandomTranslation', camel: 'heightFactor', base: { heightFactor: 0.1, widthFactor: 0.1 } },
  'RandomTranslation (positional)': { call: (o) => new layers.RandomTranslation(0.1, 0.1, o), who: 'RandomTranslation', camel: 'fillMode' },
  // Issue 16, constraints (the classes take the same options as their factories).
  maxNorm: { call: (o) => layers.maxNorm(o), who: 'MaxNorm', camel: 'maxValue' },
  MaxNorm: { call: (o) => new layers.MaxNorm(o), who: 'MaxNorm', camel: 'maxValue' },
  minMaxNorm: { call: (o) => layers.minMaxNorm(o), who: 'MinMaxNorm', camel: 'minValue' },
  MinMaxNorm: { call: (o) => new layers.MinMaxNorm(o), who: 'MinMaxNorm', camel: 'maxValue' },
  unitNorm: { call: (o) => layers.unitNorm(o), who: 'UnitNorm', camel: 'axis' },
  UnitNorm: { call: (o) => new layers.UnitNorm(o), who: 'UnitNorm', camel: 'axis' },
  l1: { call: (o) => l1(o), who: 'l1', camel: 'l1' },
  l2: { call: (o) => l2(o), who: 'l2', camel: 'l2' },
  l1l2: { call: (o) => l1l2(o), who: 'l1l2', camel: 'l1' },
};

const modelCases: Record<string, Case> = {
  Sequential: { call: (o) => new m.Sequential(o), who: 'Sequential', camel: 'name' },
  'Sequential (positional)': { call: (o) => new m.Sequential([], o), who: 'Sequential', camel: 'name' },
  'Sequential.compile': { call: (o) => compiledModel().compile(o as never), who: 'compile', camel: 'optimizer', base: { optimizer: 'sgd', loss: 'mse' } },
  'Sequential.fit': { call: (o) => compiledModel().fit(x, y, { verbose: 0, ...o }), who: 'fit', camel: 'batchSize' },
  'Sequential.fitDataset': { call: (o) => compiledModel().fitDataset([{ xs: x, ys: y }], { verbose: 0, ...o }), who: 'fitDataset', camel: 'validationBatchSize' },
  'Sequential.evaluate': { call: (o) => compiledModel().evaluate(x, y, o), who: 'evaluate', camel: 'batchSize' },
  'Sequential.predict': { call: (o) => compiledModel().predict(x, o), who: 'predict', camel: 'batchSize' },
  'Sequential.predictAsync': { call: (o) => compiledModel().predictAsync(x, o), who: 'predictAsync', camel: 'batchSize' },
  'Sequential.trainOnBatch': { call: (o) => compiledModel().trainOnBatch(x, y, o), who: 'trainOnBatch', camel: 'classWeight' },
  'Sequential.summary': { call: (o) => compiledModel().summary({ print: false, ...o }), who: 'summary', camel: 'lineLength' },
  'Sequential.save': { call: (o) => compiledModel().save(join(dir, 'm'), o), who: 'save', camel: 'includeOptimizer' },
  'Sequential.exportOnnx': { call: (o) => compiledModel().exportOnnx(join(dir, 'm.onnx'), o), who: 'exportOnnx', camel: 'fileSystem' },
  exportOnnx: { call: (o) => m.exportOnnx(compiledModel(), join(dir, 'm.onnx'), o), who: 'exportOnnx', camel: 'opset' },
  loadModel: { call: (o) => m.loadModel(join(dir, 'nothing'), o), who: 'loadModel', camel: 'compile' },
  estimateBatchNormStatistics: { call: (o) => m.estimateBatchNormStatistics(compiledModel(), x, o), who: 'estimateBatchNormStatistics', camel: 'batchSize' },
  SGD: { call: (o) => new m.SGD(o), who: 'SGD', camel: 'learningRate' },
  'SGD (positional)': { call: (o) => new m.SGD(0.01, o), who: 'SGD', camel: 'clipNorm' },
  Adam: { call: (o) => new m.Adam(o), who: 'Adam', camel: 'learningRate' },
  'Adam (positional)': { call: (o) => new m.Adam(1e-4, o), who: 'Adam', camel: 'globalClipNorm' },
  AdamW: { call: (o) => new m.AdamW(o), who: 'AdamW', camel: 'weightDecay' },
  'AdamW (positional)': { call: (o) => new m.AdamW(1e-3, o), who: 'AdamW', camel: 'weightDecay' },
  RMSprop: { call: (o) => new m.RMSprop(o), who: 'RMSprop', camel: 'learningRate' },
  'RMSprop (positional)': { call: (o) => new m.RMSprop(1e-3, o), who: 'RMSprop', camel: 'clipValue' },
  ExponentialDecay: { call: (o) => new m.ExponentialDecay(o as never), who: 'ExponentialDecay', camel: 'decaySteps', base: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 } },
  exponentialDecay: { call: (o) => m.exponentialDecay(o as never), who: 'ExponentialDecay', camel: 'decayRate', base: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 } },
  CosineDecay: { call: (o) => new m.CosineDecay(o as never), who: 'CosineDecay', camel: 'initialLearningRate', base: { initialLearningRate: 0.1, decaySteps: 10 } },
  cosineDecay: { call: (o) => m.cosineDecay(o as never), who: 'CosineDecay', camel: 'decaySteps', base: { initialLearningRate: 0.1, decaySteps: 10 } },
  PiecewiseConstantDecay: { call: (o) => new m.PiecewiseConstantDecay(o as never), who: 'PiecewiseConstantDecay', camel: 'boundaries', base: { boundaries: [1], values: [1, 2] } },
  piecewiseConstantDecay: { call: (o) => m.piecewiseConstantDecay(o as never), who: 'PiecewiseConstantDecay', camel: 'values', base: { boundaries: [1], values: [1, 2] } },
  CategoricalCrossentropy: { call: (o) => new m.CategoricalCrossentropy(o), who: 'CategoricalCrossentropy', camel: 'fromLogits' },
  SparseCategoricalCrossentropy: { call: (o) => new m.SparseCategoricalCrossentropy(o), who: 'SparseCategoricalCrossentropy', camel: 'fromLogits' },
  BinaryCrossentropy: { call: (o) => new m.BinaryCrossentropy(o), who: 'BinaryCrossentropy', camel: 'labelSmoothing' },
  LambdaCallback: { call: (o) => new m.LambdaCallback(o), who: 'LambdaCallback', camel: 'onEpochEnd' },
  ProgbarLogger: { call: (o) => new m.ProgbarLogger(o), who: 'ProgbarLogger', camel: 'interval' },
  EarlyStopping: { call: (o) => new m.EarlyStopping(o), who: 'EarlyStopping', camel: 'restoreBestWeights' },
  ReduceLROnPlateau: { call: (o) => new m.ReduceLROnPlateau(o), who: 'ReduceLROnPlateau', camel: 'minLr' },
  CSVLogger: { call: (o) => new m.CSVLogger(o as never), who: 'CSVLogger', camel: 'separator', base: { filename: join(dir, 'log.csv') } },
  'CSVLogger (positional)': { call: (o) => new m.CSVLogger(join(dir, 'log.csv'), o), who: 'CSVLogger', camel: 'append' },
  ModelCheckpoint: { call: (o) => new m.ModelCheckpoint(o as never), who: 'ModelCheckpoint', camel: 'saveBestOnly', base: { filepath: join(dir, 'ck') } },
  'ModelCheckpoint (positional)': { call: (o) => new m.ModelCheckpoint(join(dir, 'ck'), o), who: 'ModelCheckpoint', camel: 'saveWeightsOnly' },
  PreciseBatchNormalization: { call: (o) => new m.PreciseBatchNormalization(o), who: 'PreciseBatchNormalization', camel: 'everyEpochs' },
};

const images = tensor(new Float32Array(4 * 4 * 4), [4, 4, 4, 1]);
const dataCases: Record<string, Case> = {
  generateExpressions: { call: (o) => data.generateExpressions(o as never), who: 'generateExpressions', camel: 'oneHot', base: { samples: 7 } },
  readFer2013Csv: { call: (o) => data.readFer2013Csv(join(dir, 'none.csv'), o), who: 'readFer2013Csv', camel: 'oneHot' },
  readImageFolder: { call: (o) => data.readImageFolder(join(dir, 'none'), o), who: 'readImageFolder', camel: 'oneHot' },
  trainTestSplit: { call: (o) => data.trainTestSplit(x, y, o), who: 'trainTestSplit', camel: 'testFraction' },
  normalize: { call: (o) => data.normalize(x, o), who: 'normalize', camel: 'mean' },
  augmentImages: { call: (o) => data.augmentImages(images, o), who: 'augmentImages', camel: 'rotation' },
  makeAugmentedDataset: { call: (o) => data.makeAugmentedDataset(images, y, o as never), who: 'makeAugmentedDataset', camel: 'dropRemainder', base: { batchSize: 2 } },
};

/** Exports (and Sequential methods) that take no options object, each with the reason. */
const noOptionsObject: Record<string, string> = {
  Layer: 'abstract base: its LayerArgs are checked in every layer case above',
  RandomImageLayer: 'abstract base: its RandomImageLayerArgs are checked in every random image layer case above',
  ResamplingImageLayer: 'abstract base: its ResamplingArgs are checked in the RandomRotation, RandomZoom and RandomTranslation cases',
  hasRngState: 'a layer',
  getInitializer: 'takes an identifier, resolved by the registry (did-you-mean tested in registries.test)',
  getRegularizer: 'takes an identifier, resolved by the registry',
  getConstraint: 'takes an identifier, resolved by the registry',
  serializeConstraint: 'a constraint',
  Constraint: 'abstract base',
  NonNeg: 'no arguments',
  nonNeg: 'no arguments',
  L1L2: 'positional (l1, l2) as Keras',
  applyActivation: 'an identifier and a tensor',
  checkActivation: 'an identifier',
  registerLayer: 'a class name and a factory',
  deserializeLayer: 'a serialized { className, config } spec; the config reaches the strict constructor',
  serializeLayer: 'a layer',
  supportedLayerClasses: 'no arguments',
  fmtShape: 'a shape',
  Optimizer: 'abstract base: OptimizerArgs are checked in every optimizer case above',
  getOptimizer: 'an identifier',
  deserializeOptimizer: 'a serialized spec; the config reaches the strict constructor',
  LearningRateSchedule: 'abstract base',
  deserializeSchedule: 'a serialized spec; the config reaches the strict constructor',
  clipByNorm: 'arrays and a number',
  clipByGlobalNorm: 'arrays and a number',
  clipByValue: 'arrays and a number',
  Loss: 'abstract base',
  FunctionLoss: 'a function and a name',
  weightedMean: 'tensors and a name',
  MeanSquaredError: 'no arguments (Keras has none besides reduction/name)',
  getLoss: 'an identifier',
  Metric: 'abstract base',
  Mean: 'a name',
  MeanMetricWrapper: 'positional (name, fn, direction)',
  CategoricalAccuracy: 'a name',
  SparseCategoricalAccuracy: 'a name',
  BinaryAccuracy: 'positional (name, threshold)',
  TopKCategoricalAccuracy: 'positional (k, name)',
  categoricalAccuracy: 'tensors',
  sparseCategoricalAccuracy: 'tensors',
  binaryAccuracy: 'tensors and a threshold',
  topKCategoricalAccuracy: 'tensors and k',
  getMetric: 'an identifier',
  confusionMatrix: 'tensors and a class count',
  Callback: 'base class without arguments',
  CallbackList: 'a list of callbacks',
  History: 'no arguments',
  TerminateOnNaN: 'no arguments',
  LearningRateScheduler: 'a schedule function, as Keras',
  fer2013ClassIndex: 'a class name',
  shuffleTogether: 'tensors and a seed',
  toOneHot: 'labels and a class count',
  rescale: 'positional (x, scale, offset)',
  meanStd: 'a tensor',
  BatchNormStatisticsAccumulator: 'a list of layers',
  // Sequential methods
  'Sequential.add': 'a layer',
  'Sequential.pop': 'no arguments',
  'Sequential.build': 'an input shape',
  'Sequential.apply': 'call arguments { training } of the forward pass',
  'Sequential.testOnBatch': 'tensors only',
  'Sequential.getWeights': 'no arguments',
  'Sequential.setWeights': 'a list of tensors',
  'Sequential.countParams': 'no arguments',
  'Sequential.regularizationLosses': 'no arguments',
  'Sequential.getConfig': 'no arguments',
  'Sequential.toJSON': 'no arguments',
  'Sequential.getCompileConfig': 'no arguments',
  'Sequential.getLayer': 'a name or an index',
  // TypeScript-private helpers (on the prototype at run time, not callable from TypeScript).
  'Sequential.compiled': 'private',
  'Sequential.unbuiltMessage': 'private',
};

const cases: Record<string, Case> = { ...layerCases, ...modelCases, ...dataCases };

/** Exported functions and classes, and Sequential's public methods, by name. */
function publicFunctions(): string[] {
  const names = new Set<string>();
  for (const pkg of [layers, models, data] as Record<string, unknown>[]) {
    for (const [name, value] of Object.entries(pkg)) if (typeof value === 'function') names.add(name);
  }
  for (const name of Object.getOwnPropertyNames(m.Sequential.prototype)) {
    const d = Object.getOwnPropertyDescriptor(m.Sequential.prototype, name);
    if (name !== 'constructor' && typeof d?.value === 'function') names.add(`Sequential.${name}`);
  }
  return [...names].sort();
}

/** The snake_case spelling of a camelCase key; a one-word key gets a typo (two letters swapped) instead. */
function misspelt(k: string): string {
  const snake = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return snake !== k ? snake : k[1] + k[0] + k.slice(2);
}

async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return null;
}

describe('every public options-taking function rejects unknown options', () => {
  it('covers every export: each is in the table or listed with the reason it takes no options object', () => {
    const covered = new Set([...Object.keys(cases).map((k) => k.replace(/ \(positional\)$/, '')), ...Object.keys(noOptionsObject)]);
    const uncovered = publicFunctions().filter((n) => !covered.has(n) && !n.endsWith('Registry') && !(n.startsWith('Sequential.') && n.slice(11).startsWith('_')));
    expect(uncovered).toEqual([]);
    // And nothing in the table is stale.
    const all = new Set(publicFunctions());
    expect([...covered].filter((n) => !all.has(n))).toEqual([]);
  });

  it.each(Object.entries(cases))('%s: an unknown key names the function and the key', async (_, c) => {
    const e = await failure(() => c.call({ ...c.base, colour: 'blue' }));
    expect(e).toBeInstanceOf(ValueError);
    expect((e as Error).message).toContain(`${c.who}: unknown option 'colour'.`);
  });

  it.each(Object.entries(cases))('%s: a snake_case or misspelt key says which key was meant', async (_, c) => {
    const key = misspelt(c.camel);
    expect(key).not.toBe(c.camel);
    const base = { ...c.base };
    delete base[c.camel];
    const e = await failure(() => c.call({ ...base, [key]: (c.base ?? {})[c.camel] ?? 1 }));
    expect(e).toBeInstanceOf(ValueError);
    expect((e as Error).message).toContain(`${c.who}: unknown option '${key}'. Did you mean '${c.camel}'?`);
  });
});

describe('the silent cases the issue observed now fail', () => {
  it.each([
    [() => new Dense({ units: 2, input_shape: [3] } as never), "Dense: unknown option 'input_shape'. Did you mean 'inputShape'?"],
    [() => new MaxPooling2D({ pool_size: 2 } as never), "MaxPooling2D: unknown option 'pool_size'. Did you mean 'poolSize'?"],
    [() => new Conv2D({ filters: 2, kernel_size: 3 } as never), "Conv2D: unknown option 'kernel_size'. Did you mean 'kernelSize'?"],
    [() => new m.Adam({ learning_rate: 1e-4 } as never), "Adam: unknown option 'learning_rate'. Did you mean 'learningRate'?"],
    [() => new m.Adam({ lr: 1e-4 } as never), "Adam: unknown option 'lr'. Did you mean 'learningRate'?"],
    [() => new m.EarlyStopping({ restore_best_weights: true } as never), "EarlyStopping: unknown option 'restore_best_weights'. Did you mean 'restoreBestWeights'?"],
    [() => new Dense({ units: 2, activaton: 'relu' } as never), "Dense: unknown option 'activaton'. Did you mean 'activation'?"],
  ])('%#', (make, message) => expect(make).toThrow(message));

  it('batch_size and validation_split in fit', async () => {
    await expect(compiledModel().fit(x, y, { batch_size: 2 } as never)).rejects.toThrow("fit: unknown option 'batch_size'. Did you mean 'batchSize'?");
    await expect(compiledModel().fit(x, y, { validation_split: 0.5 } as never)).rejects.toThrow("fit: unknown option 'validation_split'. Did you mean 'validationSplit'?");
  });

  it('the worst case of the issue: compile with new Adam({ learning_rate }) never trains at the default rate', () => {
    const model = new m.Sequential([new Dense(2, { inputShape: [3], activation: 'softmax' })]);
    expect(() => model.compile({ loss: 'categorical_crossentropy', optimizer: new m.Adam({ learning_rate: 0.0001 } as never), metrics: ['accuracy'] }))
      .toThrow("Adam: unknown option 'learning_rate'. Did you mean 'learningRate'?");
  });

  it('a positional argument where an object is expected is a clear error, never the default', () => {
    expect(() => new Flatten(5 as never)).toThrow(/Flatten: expected an options object \{ name, .* \}, got number 5/);
    expect(() => new BatchNormalization(-1 as never)).toThrow(/BatchNormalization: expected an options object/);
    expect(() => new m.Adam('fast' as never)).toThrow(/Adam: the first argument must be a learning rate/);
  });
});
