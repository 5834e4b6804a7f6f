import { promises as fs } from 'node:fs';
import { checkOptions, optionKeys, StrataError, tensor, ValueError, fmtValue } from '@strata/core';
import { deserializeLayer, hasRngState } from '@strata/layers';
import { Sequential, type CompileArgs } from '../sequential/sequential';
import { localPath } from './local_path';
import { locateModelJson, parseModelJson, readWeights, type ModelJson } from './model_json';
import { optimizerStateFrom } from './optimizer_weights';
import { fromKerasTopology } from './topology';
import { trainingConfigFromJson } from './training_config';
import { matchWeights } from './weight_matching';
import { checkDeclaredSize, DEFAULT_MAX_PARAMS, planModelWeights } from './weight_plan';

/** Options of {@link loadModel}. */
export interface LoadOptions {
  /**
   * Compile the model from the file's `trainingConfig` (and restore the optimizer state saved
   * with it), as Keras's `load_model(compile=True)`. Default true; false ignores both.
   */
  compile?: boolean;
  /**
   * The most parameters (weight elements) the file may declare, in its topology or its
   * weightsManifest; checked before anything is read or built. Default 1e9.
   */
  maxParams?: number;
}

const LOAD_OPTIONS = optionKeys<LoadOptions>()({ compile: true, maxParams: true });

function checkLoadOptions(options: LoadOptions): void {
  checkOptions(options, LOAD_OPTIONS, 'loadModel');
  if (options.compile !== undefined && typeof options.compile !== 'boolean') {
    throw new ValueError(`loadModel: compile must be a boolean, got ${fmtValue(options.compile)}`);
  }
  const max = options.maxParams;
  if (max !== undefined && !(typeof max === 'number' && max > 0 && (Number.isInteger(max) || max === Infinity))) {
    throw new ValueError(`loadModel: maxParams must be a positive integer (or Infinity), got ${String(max)}`);
  }
}

/** The training config: top-level as TensorFlow.js writes it, or nested as the converter leaves Keras h5's. */
function trainingConfigOf(json: ModelJson): Record<string, unknown> | null {
  if (json.trainingConfig) return json.trainingConfig;
  const nested = json.modelTopology.training_config;
  return nested !== null && typeof nested === 'object' && !Array.isArray(nested) ? (nested as Record<string, unknown>) : null;
}

/** The compile arguments, or an error that says how to load the model without them. */
function compileArgsFrom(training: Record<string, unknown>, where: string): CompileArgs {
  try {
    return trainingConfigFromJson(training, where);
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`${e.message} (load with { compile: false } to skip the training config)`);
    throw e;
  }
}

/**
 * Rethrows an error with the file in front: a Strata error keeps its class; anything else (a
 * malformed value a layer constructor tripped on) becomes a ValueError, so loading only ever
 * throws Strata's typed errors.
 */
function inFile<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StrataError && e.message.startsWith(where)) throw e;
    const Ctor = e instanceof StrataError ? (e.constructor as new (message: string) => StrataError) : ValueError;
    throw new Ctor(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Loads a model saved in TensorFlow.js's layers-model format (by Strata, TensorFlow.js, or
 * Keras through tensorflowjs_converter) from its directory or its model.json path. Everything
 * in the file is checked before the model is built: JSON, layer classes and configs, training
 * config, then every weight's name, shape and dtype, computed from the topology alone, against
 * the manifest, the declared parameter count against `maxParams`, and the shard paths and
 * sizes; only then are shards read and the model built. Nothing in the file is evaluated:
 * class names are looked up in registries.
 */
export async function loadModel(path: string, options: LoadOptions = {}): Promise<Sequential> {
  checkLoadOptions(options);
  const { dir, file } = await locateModelJson(localPath(path, 'loadModel'));
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new ValueError(`loadModel: cannot read ${file} (${(e as Error).message})`);
  }
  const where = `loadModel: ${file}`;
  const json = parseModelJson(text, file);
  const config = fromKerasTopology(json.modelTopology, where, json.generatedBy);
  const training = options.compile === false ? null : trainingConfigOf(json);
  const compileArgs = training ? compileArgsFrom(training, where) : null;

  // Layers are constructed (configs checked) but not built: no weight exists yet.
  const layers = config.layers.map((spec, i) => inFile(`${where}: layer ${i}`, () => deserializeLayer(spec)));
  const planned = planModelWeights(layers, where);
  checkDeclaredSize(planned, json.weightsManifest, options.maxParams ?? DEFAULT_MAX_PARAMS, where);
  const declared = json.weightsManifest.flatMap((g) => g.weights).filter((w) => w.group !== 'optimizer');
  if (!planned && declared.length > 0) throw new ValueError(`${where}: the first layer has no batch_input_shape, so the weights' shapes cannot be checked`);
  const targetOf = planned ? matchWeights(planned, declared, where) : new Map<string, string>();
  const saved = await readWeights(dir, json.weightsManifest, file);

  const model = inFile(where, () => new Sequential({ name: config.name, layers }));
  if (!model.built) {
    // Nothing is built, so there is no optimizer state to restore; the compile settings still apply.
    if (compileArgs) model.compile(compileArgs);
    return model;
  }
  const values = new Map(saved.filter((w) => w.group !== 'optimizer').map((w) => [targetOf.get(w.name), w.values]));
  model.setWeights(model.weights.map((v) => {
    const value = values.get(v.name);
    if (!value) throw new ValueError(`${where}: internal error: the built model has weight '${v.name}', which the topology did not plan`);
    return tensor(value, v.shape);
  }));

  if (compileArgs) {
    model.compile(compileArgs);
    const optimizerSaved = saved.filter((w) => w.group === 'optimizer');
    if (optimizerSaved.length > 0) {
      const state = optimizerStateFrom(optimizerSaved, model.trainableWeights, where);
      inFile(where, () => model.optimizer?.setState(state));
    }
  }
  restoreRngStates(model, json, where);
  return model;
}

/** Each random layer (Dropout, the random image layers) continues the sequence it had when saved. */
function restoreRngStates(model: Sequential, json: ModelJson, where: string): void {
  const states = json.strata?.dropoutRngStates ?? {};
  for (const [name, state] of Object.entries(states)) {
    const layer = model.layers.find((l) => l.name === name);
    if (!layer || !hasRngState(layer)) throw new ValueError(`${where}: strata.dropoutRngStates names '${name}', which is not a random layer (Dropout, RandomFlip, ...) of the model`);
    inFile(where, () => layer.setRngState(state));
  }
}
