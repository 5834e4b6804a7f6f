/**
 * @strata/models: Keras's Sequential model and everything around training it: optimizers,
 * losses, metrics, callbacks, and saving/loading in TensorFlow.js's layers-model format, and ONNX export.
 */
export { estimateBatchNormStatistics, BatchNormStatisticsAccumulator, type BatchNormStatisticsOptions } from './sequential/batch_norm_statistics';
export { Sequential, type SequentialArgs, type CompileArgs, type CompiledConfig } from './sequential/sequential';
export type { FitOptions, TrainOptions, BatchOptions } from './sequential/options';
export type { Dataset, DatasetBatch, BatchIterable, FitDatasetOptions } from './sequential/fit_dataset';
export type { SummaryOptions } from './sequential/summary';

export { Optimizer, type OptimizerArgs, type OptimizerState, type Slots, type GradientPair } from './optimizers/optimizer';
export { SGD, type SGDArgs } from './optimizers/sgd';
export { Adam, type AdamArgs } from './optimizers/adam';
export { AdamW } from './optimizers/adamw';
export { RMSprop, type RMSpropArgs } from './optimizers/rmsprop';
export { getOptimizer, deserializeOptimizer, type OptimizerIdentifier } from './optimizers/registry';
export {
  LearningRateSchedule, ExponentialDecay, CosineDecay, PiecewiseConstantDecay,
  exponentialDecay, cosineDecay, piecewiseConstantDecay, deserializeSchedule,
  type ExponentialDecayArgs, type CosineDecayArgs, type PiecewiseConstantDecayArgs,
} from './optimizers/learning_rate_schedule';
export { clipByNorm, clipByGlobalNorm, clipByValue } from './optimizers/gradient_clipping';

export { Loss, FunctionLoss, weightedMean, EPSILON, type FusableActivation } from './losses/loss';
export { CategoricalCrossentropy, type CategoricalCrossentropyArgs } from './losses/categorical_crossentropy';
export { SparseCategoricalCrossentropy, type SparseCategoricalCrossentropyArgs } from './losses/sparse_categorical_crossentropy';
export { BinaryCrossentropy, type BinaryCrossentropyArgs } from './losses/binary_crossentropy';
export { MeanSquaredError } from './losses/mean_squared_error';
export { getLoss, type LossIdentifier } from './losses/registry';

export { Metric, Mean, MeanMetricWrapper, type MetricDirection } from './metrics/metric';
export {
  CategoricalAccuracy, SparseCategoricalAccuracy, BinaryAccuracy, TopKCategoricalAccuracy,
  categoricalAccuracy, sparseCategoricalAccuracy, binaryAccuracy, topKCategoricalAccuracy,
} from './metrics/accuracy';
export { getMetric, type MetricIdentifier } from './metrics/registry';
export { confusionMatrix } from './metrics/confusion_matrix';

export { Callback, CallbackList, LambdaCallback, type CallbackHooks, type CallbackModel, type Logs, type MetricLogs, type TrainingData, type TrainingParams, type HookResult } from './callbacks/callback';
export { History } from './callbacks/history';
export { ProgbarLogger, type ProgbarLoggerArgs, type ProgressStream } from './callbacks/progbar_logger';
export { EarlyStopping, type EarlyStoppingArgs } from './callbacks/early_stopping';
export { ReduceLROnPlateau, type ReduceLROnPlateauArgs } from './callbacks/reduce_lr_on_plateau';
export { CSVLogger, type CSVLoggerArgs } from './callbacks/csv_logger';
export { TerminateOnNaN } from './callbacks/terminate_on_nan';
export { LearningRateScheduler } from './callbacks/learning_rate_scheduler';
export { ModelCheckpoint, type ModelCheckpointArgs } from './callbacks/model_checkpoint';
export { PreciseBatchNormalization, type PreciseBatchNormalizationArgs } from './callbacks/precise_batch_normalization';
export type { MonitorMode } from './callbacks/monitor';

export { loadModel, type LoadOptions } from './io/load_model';
export type { SaveOptions } from './io/save_model';
export { nodeFileSystem, type FileSystem } from './io/atomic_write';
export { exportOnnx, type ExportOnnxOptions } from './io/onnx/export_onnx';
export type { KerasTopology, KerasLayerJson, SequentialConfig } from './io/topology';
