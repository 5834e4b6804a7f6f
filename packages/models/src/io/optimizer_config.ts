import { StrataError, ValueError, toCamelCase, toSnakeCase } from '@strata/core';
import type { Optimizer } from '../optimizers/optimizer';
import { deserializeOptimizer } from '../optimizers/registry';

/** An optimizer as Keras and TensorFlow.js write it in `trainingConfig.optimizer_config`. */
export interface OptimizerConfigJson {
  class_name: string;
  config: Record<string, unknown>;
}

/** Strata argument -> Keras argument, where the mechanical snake_case differs. */
const kerasNames: Record<string, string> = {
  beta1: 'beta_1',
  beta2: 'beta_2',
  clipNorm: 'clipnorm',
  globalClipNorm: 'global_clipnorm',
  clipValue: 'clipvalue',
};
/** The reverse, after toCamel (Keras's `beta_1` is already `beta1`). */
const strataNames: Record<string, string> = { clipnorm: 'clipNorm', globalClipnorm: 'globalClipNorm', clipvalue: 'clipValue' };

/** Keras 3 / TensorFlow.js arguments Strata has no use for, accepted at these values only. */
const inertDefaults: Record<string, unknown[]> = {
  useEma: [false, null],
  emaMomentum: [],
  emaOverwriteFrequency: [],
  lossScaleFactor: [null],
  gradientAccumulationSteps: [null],
  jitCompile: [],
  isLegacyOptimizer: [false, null],
  // Keras 2's per-step learning-rate decay.
  decay: [0, null],
};

function snakeConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [Object.hasOwn(kerasNames, k) ? kerasNames[k] : toSnakeCase(k), v]));
}

/** `{ class_name, config }` in Keras's spelling (a learning-rate schedule nested the same way). */
export function optimizerToJson(optimizer: Optimizer): OptimizerConfigJson {
  const config = snakeConfig(optimizer.getConfig());
  const lr = config.learning_rate;
  if (lr !== null && typeof lr === 'object') {
    const schedule = lr as { className: string; config: Record<string, unknown> };
    config.learning_rate = { class_name: schedule.className, config: snakeConfig(schedule.config) };
  }
  return { class_name: optimizer.className, config };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * An optimizer from `optimizer_config` as Keras 2/3 or TensorFlow.js wrote it (TensorFlow.js
 * spells its arguments in camelCase and RMSprop as 'RMSProp' with `decay` for rho; its
 * 'Momentum' optimizer is SGD with momentum). Arguments Strata does not implement are errors.
 */
export function optimizerFromJson(json: unknown, where: string): Optimizer {
  if (!isObject(json) || typeof json.class_name !== 'string' || (json.config !== undefined && !isObject(json.config))) {
    throw new ValueError(`${where}: optimizer_config must be { class_name, config }, got ${JSON.stringify(json)?.slice(0, 80)}`);
  }
  let className = json.class_name;
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json.config ?? {})) {
    let k = toCamelCase(key);
    if (Object.hasOwn(strataNames, k)) k = strataNames[k];
    if (className === 'RMSProp' && k === 'decay') k = 'rho';
    if (className === 'Momentum' && k === 'useNesterov') k = 'nesterov';
    config[k] = value;
  }
  if (className === 'Momentum') className = 'SGD';
  const lr = config.learningRate;
  if (isObject(lr)) {
    if (typeof lr.class_name !== 'string' || !isObject(lr.config)) throw new ValueError(`${where}: learning_rate schedule must be { class_name, config }`);
    const schedule = Object.fromEntries(Object.entries(lr.config).filter(([k]) => k !== 'name').map(([k, v]) => [toCamelCase(k), v]));
    config.learningRate = { className: lr.class_name, config: schedule };
  }
  try {
    const known = new Set(Object.keys(deserializeOptimizer({ className, config: {} }).getConfig()));
    for (const [k, v] of Object.entries(config)) {
      if (known.has(k)) continue;
      const inert = Object.hasOwn(inertDefaults, k) ? inertDefaults[k] : null;
      if (inert && (inert.length === 0 || inert.includes(v))) {
        delete config[k];
        continue;
      }
      throw new ValueError(`argument '${k}' = ${JSON.stringify(v)} is not supported by Strata's ${className}`);
    }
    return deserializeOptimizer({ className, config });
  } catch (e) {
    if (e instanceof StrataError) throw new ValueError(`${where}: optimizer_config ${className}: ${e.message}`);
    throw e;
  }
}
