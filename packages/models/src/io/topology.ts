import { fmtValue, ValueError } from '@strata/core';
import { supportedLayerClasses } from '@strata/layers';
import { fromKerasJson, toKerasJson } from './keras_config';

/** What `Sequential.getConfig()` returns and `Sequential.fromConfig()` takes (camelCase configs). */
export interface SequentialConfig {
  name?: string;
  layers: { className: string; config: Record<string, unknown> }[];
}

/** A layer in Keras's JSON: `{ class_name, config }` with snake_case config keys. */
export interface KerasLayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

/** The Keras-style topology TensorFlow.js keeps in model.json's `modelTopology`. */
export interface KerasTopology {
  class_name: 'Sequential';
  config: { name: string; layers: KerasLayerJson[] };
  keras_version: string;
  backend: string;
}

/** Who wrote a file: model.json's `generatedBy` and the topology's `keras_version`. */
export const STRATA_VERSION = 'Strata 0.1.0';

/**
 * `Sequential.getConfig()` output as Keras JSON (what TensorFlow.js's `model.toJSON()` holds).
 * A model built by `build()` or `fit()` rather than from an input shape gets its `inputShape`
 * written on the first layer, as Keras does, so the file says what shapes the weights have.
 */
export function toKerasTopology(config: SequentialConfig, inputShape: readonly (number | null)[] | null = null): KerasTopology {
  const layers = config.layers.map((l) => ({ className: l.className, config: { ...l.config } }));
  const first = layers[0];
  if (inputShape && first && first.className !== 'InputLayer' && !first.config.batchInputShape) first.config.batchInputShape = [...inputShape];
  return {
    class_name: 'Sequential',
    config: {
      name: config.name ?? 'sequential',
      layers: layers.map((l) => ({ class_name: l.className, config: toKerasJson(l.config) as Record<string, unknown> })),
    },
    keras_version: STRATA_VERSION,
    // The weight layout (NHWC, Keras's weight order) is TensorFlow.js's; its loaders read this value.
    backend: 'tensor_flow.js',
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Keras JSON (TensorFlow.js, Keras 2 and Keras 3 spellings) -> a Sequential config, checking
 * every class name and config before any layer exists. `where` prefixes every message;
 * `generatedBy` (model.json's) says who wrote a topology without a keras_version.
 */
export function fromKerasTopology(topology: unknown, where: string, generatedBy?: string): SequentialConfig {
  let top = topology;
  // Who wrote it: the topology's keras_version, else model.json's generatedBy ('keras v3.6.0').
  const version = isObject(top) && typeof top.keras_version === 'string' ? top.keras_version : typeof generatedBy === 'string' ? generatedBy : null;
  // Keras h5 files converted by tensorflowjs_converter nest the model under 'model_config'.
  if (isObject(top) && isObject(top.model_config)) top = top.model_config;
  if (!isObject(top)) throw new ValueError(`${where}: the model topology must be a JSON object`);
  if (top.class_name !== 'Sequential') {
    throw new ValueError(`${where}: the model is a '${String(top.class_name)}'; only 'Sequential' models are supported`);
  }
  // Keras 1 wrote a Sequential's config as the bare layer list.
  const config = Array.isArray(top.config) ? { layers: top.config } : top.config;
  if (!isObject(config) || !Array.isArray(config.layers)) {
    throw new ValueError(`${where}: a Sequential topology needs config.layers, an array of { class_name, config }`);
  }
  if (config.name !== undefined && config.name !== null && typeof config.name !== 'string') {
    throw new ValueError(`${where}: the model's config.name must be a string, got ${fmtValue(config.name)}`);
  }
  const name = typeof config.name === 'string' ? config.name : undefined;
  const supported = supportedLayerClasses();
  const layers = config.layers.map((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.class_name !== 'string' || !isObject(entry.config)) {
      throw new ValueError(`${where}: layer ${i} must be { class_name, config }, got ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
    const layerName = typeof entry.config.name === 'string' ? entry.config.name : `#${i}`;
    const at = `${where}: layer ${i} ('${layerName}')`;
    if (!supported.includes(entry.class_name)) {
      throw new ValueError(`${at} has class_name '${entry.class_name}', which Strata does not support; supported: ${supported.join(', ')}`);
    }
    const layerConfig = fromKerasJson(entry.config, at) as Record<string, unknown>;
    if (layerConfig.dataFormat !== undefined && layerConfig.dataFormat !== 'channelsLast') {
      throw new ValueError(`${at}: data_format '${String(entry.config.data_format)}' is not supported; expected 'channels_last'`);
    }
    refuseOldHardSigmoid(layerConfig, version, at);
    return { className: entry.class_name, config: layerConfig };
  });
  return { name, layers };
}

/**
 * 'hard_sigmoid' is relu6(x + 3) / 6 in Keras 3 (and Strata), but clip(0.2 x + 0.5, 0, 1) in
 * Keras 2 and TensorFlow.js, which write it under the same name. Loading such a file would change
 * the model's math, so only files Strata or Keras 3 wrote may use it.
 */
function refuseOldHardSigmoid(config: Record<string, unknown>, version: string | null, at: string): void {
  if (typeof config.activation !== 'string' || config.activation.replace(/_/g, '').toLowerCase() !== 'hardsigmoid') return;
  if (version !== null && (version.startsWith('Strata ') || /^(keras v)?3\./i.test(version))) return;
  throw new ValueError(
    `${at}: activation 'hard_sigmoid' in a file written by ${version === null ? 'an unknown Keras version' : `'${version}'`} means ` +
      `clip(0.2 x + 0.5, 0, 1), Keras 2's and TensorFlow.js's formula; Strata's (Keras 3's) hard_sigmoid is relu6(x + 3) / 6, ` +
      `so the model is refused rather than loaded with different math`,
  );
}

/** A topology given as a JSON string or an already parsed object. */
export function parseTopology(json: string | object, where: string): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new ValueError(`${where}: not valid JSON (${(e as Error).message})`);
  }
}
