import { checkOptions, didYouMean, optionKeys, StrataError, ValueError, type NestedArray, type Tensor, type Variable } from '@strata/core';
import { deserializeLayer, InputLayer, Layer, serializeLayer, type LayerShape } from '@strata/layers';
import type { MetricLogs } from '../callbacks/callback';
import type { History } from '../callbacks/history';
import type { LossIdentifier } from '../losses/registry';
import type { MetricIdentifier } from '../metrics/registry';
import type { Optimizer } from '../optimizers/optimizer';
import type { OptimizerIdentifier } from '../optimizers/registry';
import { saveModel, type SaveOptions } from '../io/save_model';
import { predictAsync } from '../inference/predict_async';
import { exportOnnx, type ExportOnnxOptions } from '../io/onnx/export_onnx';
import { fromKerasTopology, parseTopology, toKerasTopology, type KerasTopology, type SequentialConfig } from '../io/topology';
import { resolveCompile, type CompileArgs, type CompiledConfig } from './compile_config';
import { predictArrays, preparePredict } from './evaluate';
import type { Dataset, FitDatasetOptions } from './fit_dataset';
import { forwardLayers } from './forward';
import { connectLayer, propagateShapes } from './layer_stack';
import type { TrainableModel } from './model';
import { buildForInput } from './model_input';
import { BATCH_KEYS, type BatchOptions, type FitOptions } from './options';
import { summaryLines, type SummaryOptions } from './summary';
import { toTensorArg } from './tensor_args';
import { Trainer } from './trainer';
import { setLayerWeights } from './weights';

export type { CompileArgs, CompiledConfig } from './compile_config';

/** Arguments of {@link Sequential}. */
export interface SequentialArgs {
  name?: string;
  layers?: Layer[];
}

const SEQUENTIAL_KEYS = optionKeys<SequentialArgs>()({ name: true, layers: true });
const TRAIN_ON_BATCH_KEYS = optionKeys<{ classWeight?: unknown }>()({ classWeight: true });
const SUMMARY_KEYS = optionKeys<SummaryOptions>()({ print: true, printFn: true, lineLength: true });

/** The model-name counter: sequential, sequential_1, ... as Keras. */
let modelCount = 0;

/**
 * A linear stack of layers, with Keras's training API: `add`, `compile`, `fit`, `evaluate`,
 * `predict`, `summary`. When the first layer declares an input shape, every `add` builds the
 * new layer at once, so shape mistakes fail there; otherwise the model builds on first use.
 */
export class Sequential implements TrainableModel {
  readonly name: string;
  /** Set to true (e.g. from a callback) to end `fit` after the current batch. */
  stopTraining = false;
  private readonly stack: Layer[] = [];
  private inputLayer: InputLayer | null = null;
  private inShape: LayerShape | null = null;
  /** Each layer's output shape, once the input shape is known. */
  private shapes: LayerShape[] | null = null;
  /** What compile() created: the optimizer, loss, metrics and the training loops. */
  private trainer: Trainer | null = null;

  /** Keras's form `new Sequential([layer, ...], { name })`, or `new Sequential({ name, layers })`. */
  constructor(layers?: Layer[], args?: Omit<SequentialArgs, 'layers'>);
  constructor(args?: SequentialArgs);
  constructor(first?: Layer[] | SequentialArgs, options?: Omit<SequentialArgs, 'layers'>) {
    let args: SequentialArgs;
    if (Array.isArray(first)) {
      args = { ...checkOptions(options, SEQUENTIAL_KEYS.filter((k) => k !== 'layers'), 'Sequential'), layers: first };
    } else {
      if (options !== undefined) throw new ValueError('Sequential: expected (layers, { name }) or ({ name, layers })');
      args = checkOptions(first, SEQUENTIAL_KEYS, 'Sequential');
    }
    if (args.layers !== undefined && !Array.isArray(args.layers)) throw new ValueError(`Sequential: layers must be an array of layers, got ${String(args.layers)}`);
    this.name = args.name ?? (modelCount++ === 0 ? 'sequential' : `sequential_${modelCount - 1}`);
    for (const layer of args.layers ?? []) this.add(layer);
  }

  /** The layers in order (an InputLayer is not listed, as in Keras). */
  get layers(): Layer[] {
    return [...this.stack];
  }

  /** A layer by name, or by index in `layers` (Keras's get_layer). */
  getLayer(nameOrIndex: string | number): Layer {
    if (typeof nameOrIndex === 'number') {
      if (!Number.isInteger(nameOrIndex) || nameOrIndex < 0 || nameOrIndex >= this.stack.length) {
        throw new ValueError(`getLayer: index ${nameOrIndex} is out of range; Sequential '${this.name}' has ${this.stack.length} layers (0 to ${this.stack.length - 1})`);
      }
      return this.stack[nameOrIndex];
    }
    const layer = this.stack.find((l) => l.name === nameOrIndex);
    if (!layer) {
      const names = this.stack.map((l) => l.name);
      throw new ValueError(`getLayer: Sequential '${this.name}' has no layer named ${JSON.stringify(nameOrIndex)}.${didYouMean(String(nameOrIndex), names)} Layers: ${names.join(', ')}`);
    }
    return layer;
  }

  /** Whether every layer is built for a known input shape. */
  get built(): boolean {
    return this.shapes !== null;
  }

  /**
   * Appends a layer. With a known input shape the layer is built right away; a shape error
   * names the layers and shapes and leaves the model unchanged.
   */
  add(layer: Layer): void {
    this.trainer?.assertNotTraining('add');
    if (!(layer instanceof Layer)) throw new ValueError(`Sequential '${this.name}': add expects a Layer, got ${String(layer)}`);
    if (layer instanceof InputLayer) {
      if (this.stack.length > 0 || this.inputLayer) throw new ValueError(`Sequential '${this.name}': an InputLayer can only be the first layer`);
      this.inputLayer = layer;
      this.inShape = [...(layer.batchInputShape as LayerShape)];
      this.shapes = [];
      return;
    }
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new ValueError(`Sequential '${this.name}': a layer named '${layer.name}' is already in the model; layer names must be unique`);
    }
    // Work on copies: a layer that does not fit must leave the model as it was.
    let inShape = this.inShape;
    let shapes = this.shapes;
    if (this.stack.length === 0 && !this.inputLayer && layer.batchInputShape) {
      inShape = [...layer.batchInputShape];
      shapes = [];
    }
    if (shapes && inShape) {
      const previous = this.stack[this.stack.length - 1] ?? null;
      shapes = [...shapes, connectLayer(this.name, layer, previous ? shapes[shapes.length - 1] : inShape, previous)];
    }
    this.inShape = inShape;
    this.shapes = shapes;
    this.stack.push(layer);
  }

  /** Removes and returns the last layer. */
  pop(): Layer {
    this.trainer?.assertNotTraining('pop');
    const layer = this.stack.pop();
    if (!layer) throw new ValueError(`Sequential '${this.name}': pop on a model with no layers`);
    this.shapes?.pop();
    if (this.stack.length === 0 && !this.inputLayer) {
      this.inShape = null;
      this.shapes = null;
    }
    return layer;
  }

  private unbuiltMessage(what: string): string {
    const first = this.stack[0];
    const why = first ? `the first layer ${first.describe()} has no inputShape` : 'it has no layers';
    return `Sequential '${this.name}': ${what} is unknown until the model is built (${why}); give the first layer an inputShape, or call build(), fit() or predict() first`;
  }

  /** The input shape with a null batch dimension. */
  get inputShape(): LayerShape {
    if (!this.inShape || !this.shapes) throw new ValueError(this.unbuiltMessage('the input shape'));
    return [...this.inShape];
  }

  /** The output shape with a null batch dimension. */
  get outputShape(): LayerShape {
    if (!this.inShape || !this.shapes) throw new ValueError(this.unbuiltMessage('the output shape'));
    return [...(this.shapes.length ? this.shapes[this.shapes.length - 1] : this.inShape)];
  }

  /** Builds every layer for `inputShape` (batch dimension first, null for any). */
  build(inputShape: LayerShape): void {
    if (this.stack.length === 0) throw new ValueError(`Sequential '${this.name}': cannot build a model with no layers`);
    this.shapes = propagateShapes(this.name, this.stack, inputShape);
    this.inShape = [...inputShape];
  }

  /** The forward pass (`training` enables dropout and batch statistics). */
  apply(x: Tensor, args: { training?: boolean } = {}): Tensor {
    buildForInput(this, x, 'apply');
    return forwardLayers(this.stack, x, args.training ?? false);
  }

  /**
   * Chooses the optimizer, loss and metrics for training; names are resolved (and checked) now.
   * Keras's positional form `compile('adam', 'categoricalCrossentropy', ['accuracy'])` works too.
   */
  compile(args: CompileArgs): void;
  compile(optimizer: OptimizerIdentifier, loss: LossIdentifier, metrics?: MetricIdentifier | MetricIdentifier[]): void;
  compile(first: CompileArgs | OptimizerIdentifier, lossArg?: LossIdentifier, metricsArg?: MetricIdentifier | MetricIdentifier[]): void {
    this.trainer?.assertNotTraining('compile');
    this.trainer = new Trainer(this, resolveCompile(first, lossArg, metricsArg));
  }

  /** The compiled optimizer, or null before compile(). */
  get optimizer(): Optimizer | null {
    return this.trainer?.config.optimizer ?? null;
  }

  /** The optimizer, loss and metrics compile() resolved, or null before compile() (Keras's get_compile_config). */
  getCompileConfig(): CompiledConfig | null {
    return this.trainer ? { ...this.trainer.config, metrics: [...this.trainer.config.metrics] } : null;
  }

  /** Whether a fit() or fitDataset() is running: the model then refuses add, pop, compile, setWeights and trainOnBatch. */
  get isTraining(): boolean {
    return this.trainer?.isTraining ?? false;
  }

  /** The Trainer compile() created, or a StrataError saying compile() must come first. */
  private compiled(who: string): Trainer {
    if (!this.trainer) throw new StrataError(`${who}: Sequential '${this.name}' must be compiled first; call model.compile({ optimizer, loss, metrics }) before ${who}()`);
    return this.trainer;
  }

  /** Trains on tensors; resolves to the History (`history.history.loss`, `.val_loss`, ...). */
  fit(x: Tensor | NestedArray, y: Tensor | NestedArray, options: FitOptions = {}): Promise<History> {
    return Promise.resolve().then(() => this.compiled('fit').fit(toTensorArg(x, 'fit', 'x'), toTensorArg(y, 'fit', 'y'), options));
  }

  /** Trains on a dataset of `{ xs, ys }` batches: an (async) iterable, or a function returning one per epoch. */
  fitDataset(dataset: Dataset, options: FitDatasetOptions = {}): Promise<History> {
    return Promise.resolve().then(() => this.compiled('fitDataset').fitDataset(dataset, options));
  }

  /**
   * Loss and metrics in inference mode, returned as a record `{ loss, accuracy, ... }` (the keys
   * of fit's history; Keras's `return_dict=True` form).
   */
  evaluate(x: Tensor | NestedArray, y: Tensor | NestedArray, options: BatchOptions = {}): MetricLogs {
    return this.compiled('evaluate').evaluate(toTensorArg(x, 'evaluate', 'x'), toTensorArg(y, 'evaluate', 'y'), checkOptions(options, BATCH_KEYS, 'evaluate'));
  }

  /** Outputs in inference mode, computed `batchSize` samples at a time, without recording gradients. */
  predict(input: Tensor | NestedArray, options: BatchOptions = {}): Tensor {
    const x = toTensorArg(input, 'predict', 'x');
    return predictArrays(this, x, preparePredict(this, x, options, 'predict'));
  }

  /**
   * `predict` off the main thread, for servers: the kernels run in the model's worker thread
   * (with this thread's backend and thread count) and the event loop stays free. Arguments are
   * checked here first; concurrent calls queue, and each resolves to exactly `predict`'s result
   * for the weights at the time of the call.
   */
  predictAsync(x: Tensor | NestedArray, options: BatchOptions = {}): Promise<Tensor> {
    return predictAsync(this, x, options);
  }

  /** One training step on one batch; returns that batch's `{ loss, ...metrics }` (computed before the update). */
  trainOnBatch(x: Tensor | NestedArray, y: Tensor | NestedArray, options: { classWeight?: Record<number, number> } = {}): MetricLogs {
    return this.compiled('trainOnBatch').trainOnBatch(toTensorArg(x, 'trainOnBatch', 'x'), toTensorArg(y, 'trainOnBatch', 'y'), checkOptions(options, TRAIN_ON_BATCH_KEYS, 'trainOnBatch').classWeight);
  }

  /** Loss and metrics of one batch in inference mode. */
  testOnBatch(x: Tensor | NestedArray, y: Tensor | NestedArray): MetricLogs {
    return this.compiled('testOnBatch').testOnBatch(toTensorArg(x, 'testOnBatch', 'x'), toTensorArg(y, 'testOnBatch', 'y'));
  }

  /** Every weight, layer by layer (each layer's in Keras order). */
  get weights(): Variable[] {
    return this.stack.flatMap((l) => l.weights);
  }

  get trainableWeights(): Variable[] {
    return this.stack.flatMap((l) => l.trainableWeights);
  }

  get nonTrainableWeights(): Variable[] {
    return this.stack.flatMap((l) => l.nonTrainableWeights);
  }

  /** Copies of every weight, in `weights` order. */
  getWeights(): Tensor[] {
    return this.stack.flatMap((l) => l.getWeights());
  }

  /** Sets every weight from `getWeights()` order; all counts and shapes are checked before any write. */
  setWeights(values: readonly Tensor[]): void {
    // A callback of the running fit may set them (EarlyStopping restores the best weights).
    if (!this.trainer?.inCallbackHook) this.trainer?.assertNotTraining('setWeights');
    setLayerWeights(this.name, this.stack, values);
  }

  /** The number of weights (trainable and not). */
  countParams(): number {
    if (!this.built) throw new ValueError(this.unbuiltMessage('the parameter count'));
    return this.stack.reduce((n, l) => n + l.countParams(), 0);
  }

  /** Every layer's weight penalties (recorded tensors, added to the training loss). */
  regularizationLosses(): Tensor[] {
    return this.stack.flatMap((l) => l.regularizationLosses());
  }

  /** Keras's summary table; printed unless `print: false`, and returned. */
  summary(options: SummaryOptions = {}): string {
    checkOptions(options, SUMMARY_KEYS, 'summary');
    if (!this.shapes) throw new ValueError(this.unbuiltMessage('the summary'));
    const lines = summaryLines(this.name, this.stack, this.shapes, options.lineLength);
    if (options.print !== false) {
      const print = options.printFn ?? ((line: string) => console.log(line));
      for (const line of lines) print(line);
    }
    return lines.join('\n');
  }

  /** `{ name, layers: [{ className, config }] }`, JSON-ready (the InputLayer first, if any). */
  getConfig(): SequentialConfig & { name: string } {
    const all = this.inputLayer ? [this.inputLayer, ...this.stack] : this.stack;
    return { name: this.name, layers: all.map((l) => serializeLayer(l)) };
  }

  /** A new model from `getConfig()` output (fresh weights; set them with setWeights). */
  static fromConfig(config: SequentialConfig): Sequential {
    if (!config || !Array.isArray(config.layers)) throw new ValueError('Sequential.fromConfig: expected { name, layers: [{ className, config }] }');
    return new Sequential({ name: config.name, layers: config.layers.map((spec) => deserializeLayer(spec)) });
  }

  /**
   * Saves into directory `path` in TensorFlow.js's layers-model format (model.json and weight
   * shards), atomically; `includeOptimizer` adds what exact resume needs. Load with `loadModel`.
   */
  save(path: string, options: SaveOptions = {}): Promise<void> {
    return saveModel(this, path, options);
  }

  /**
   * Writes the file `path` as an ONNX model for onnxruntime and other ONNX runtimes (see
   * {@link exportOnnx}: input NHWC as `predict` takes it, opset 13 by default), atomically.
   */
  exportOnnx(path: string, options?: ExportOnnxOptions): Promise<void> {
    return exportOnnx(this, path, options);
  }

  /** The Keras-style topology (model.json's `modelTopology`); `JSON.stringify(model)` gives it as text. */
  toJSON(): KerasTopology {
    return toKerasTopology(this.getConfig(), this.built ? this.inputShape : null);
  }

  /** A new model (fresh weights) from `toJSON()` output or a Keras Sequential topology, as an object or a string. */
  static fromJSON(json: string | object): Sequential {
    const where = 'Sequential.fromJSON';
    return Sequential.fromConfig(fromKerasTopology(parseTopology(json, where), where));
  }
}
