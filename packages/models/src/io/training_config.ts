import { StrataError, ValueError, toCamelCase } from '@strata/core';
import type { Loss } from '../losses/loss';
import { getLoss, lossRegistry } from '../losses/registry';
import { getMetric } from '../metrics/registry';
import type { CompileArgs, CompiledConfig } from '../sequential/compile_config';
import { toKerasJson } from './keras_config';
import { optimizerFromJson, optimizerToJson, type OptimizerConfigJson } from './optimizer_config';

/** model.json's `trainingConfig`, as TensorFlow.js writes it (Keras's training_config). */
export interface TrainingConfigJson {
  /** A Keras loss name, or `{ class_name, config }` when the loss has non-default arguments. */
  loss: string | { class_name: string; config: Record<string, unknown> };
  metrics: string[];
  optimizer_config: OptimizerConfigJson;
}

/** 'categorical_crossentropy' -> 'CategoricalCrossentropy'. */
function className(kerasName: string): string {
  return kerasName.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

function lossToJson(loss: Loss, where: string): TrainingConfigJson['loss'] {
  const cls = className(loss.name);
  if (!lossRegistry.has(loss.name)) {
    throw new ValueError(`${where}: the loss '${loss.name}' is a custom function and cannot be written to trainingConfig; save with includeOptimizer: false, or compile with a built-in loss`);
  }
  const defaults = JSON.stringify(getLoss(loss.name).getConfig());
  if (JSON.stringify(loss.getConfig()) === defaults) return loss.name;
  return { class_name: cls, config: toKerasJson(loss.getConfig()) as Record<string, unknown> };
}

/** The compile settings as TensorFlow.js's `trainingConfig`; custom losses and metrics are refused. */
export function trainingConfigToJson(compiled: CompiledConfig, where: string): TrainingConfigJson {
  const loss = lossToJson(compiled.loss, where);
  const metrics = compiled.metrics.map((m) => {
    const name = typeof m === 'string' ? m : m.name;
    try {
      getMetric(name, compiled.loss);
    } catch {
      throw new ValueError(`${where}: the metric '${name}' is custom and cannot be written to trainingConfig; save with includeOptimizer: false`);
    }
    return name;
  });
  return { loss, metrics, optimizer_config: optimizerToJson(compiled.optimizer) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function lossFromJson(json: unknown): Loss {
  if (typeof json === 'string') return getLoss(json);
  if (isObject(json) && typeof json.class_name === 'string' && lossRegistry.has(json.class_name)) {
    const config = isObject(json.config) ? json.config : {};
    const reduction = config.reduction;
    if (reduction !== undefined && reduction !== null && reduction !== 'sum_over_batch_size' && reduction !== 'auto') {
      throw new ValueError(`loss reduction '${String(reduction)}' is not supported; expected 'sum_over_batch_size'`);
    }
    const args = Object.fromEntries(Object.entries(config).filter(([k]) => k === 'from_logits' || k === 'label_smoothing').map(([k, v]) => [toCamelCase(k), v]));
    return lossRegistry.get(json.class_name, 'trainingConfig')(args);
  }
  throw new ValueError(`unknown loss ${JSON.stringify(json)?.slice(0, 80)}; expected a name or one of ${lossRegistry.names().join(', ')}`);
}

/** Metric entries: names, or Keras 3's `{ class_name, config: { name } }` (nested one level for one output). */
function metricNames(json: unknown): string[] {
  if (json === undefined || json === null) return [];
  if (!Array.isArray(json)) throw new ValueError(`metrics must be an array, got ${JSON.stringify(json)?.slice(0, 80)}`);
  return json.flat().map((m: unknown) => {
    if (typeof m === 'string') return m;
    if (isObject(m) && isObject(m.config) && typeof m.config.name === 'string') return m.config.name;
    throw new ValueError(`unsupported metric ${JSON.stringify(m)?.slice(0, 80)}`);
  });
}

/**
 * Compile arguments from a `trainingConfig` (TensorFlow.js's form, or Keras 3's compile_config
 * spelling `optimizer` for `optimizer_config`), all checked before the model is built.
 */
export function trainingConfigFromJson(json: Record<string, unknown>, where: string): CompileArgs {
  const at = `${where}: trainingConfig`;
  for (const k of ['loss_weights', 'weighted_metrics', 'sample_weight_mode']) {
    if (json[k] !== undefined && json[k] !== null) throw new ValueError(`${at}: '${k}' is not supported`);
  }
  const optimizer = optimizerFromJson(json.optimizer_config ?? json.optimizer, at);
  try {
    const loss = lossFromJson(json.loss);
    const metrics = metricNames(json.metrics);
    for (const m of metrics) getMetric(m, loss);
    return { optimizer, loss, metrics };
  } catch (e) {
    if (e instanceof StrataError && !e.message.startsWith(at)) throw new ValueError(`${at}: ${e.message}`);
    throw e;
  }
}
