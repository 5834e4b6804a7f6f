import { toCamelCase, toSnakeCase, ValueError } from '@strata/core';

/**
 * Layer configs: camelCase in TypeScript (as TensorFlow.js's getConfig), Keras's snake_case in
 * model.json. Keys convert mechanically; a few enum values are spelled differently too.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const camelValues: Record<string, string> = {
  channels_last: 'channelsLast',
  channels_first: 'channelsFirst',
  fan_in: 'fanIn',
  fan_out: 'fanOut',
  fan_avg: 'fanAvg',
  truncated_normal: 'truncatedNormal',
  untruncated_normal: 'untruncatedNormal',
  // Keras 2 and TensorFlow.js call the truncated distribution 'normal'.
  normal: 'truncatedNormal',
};
const snakeValues: Record<string, string> = Object.fromEntries(
  Object.entries(camelValues).filter(([k]) => k !== 'normal').map(([k, v]) => [v, k]),
);

/** Own entries only: a file's 'constructor' or 'toString' must not reach Object.prototype. */
function lookup(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}


const ENUM_KEYS = new Set(['dataFormat', 'mode', 'distribution']);

/** camelCase config (ours) -> Keras snake_case JSON. `className` becomes `class_name`. */
export function toKerasJson(value: unknown, key = ''): Json {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => toKerasJson(v));
  if (typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k === 'className' ? 'class_name' : toSnakeCase(k)] = toKerasJson(v, k);
    }
    return out;
  }
  if (typeof value === 'string' && ENUM_KEYS.has(key)) return lookup(snakeValues, value) ?? value;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new ValueError(`toKerasJson: cannot serialise a ${typeof value} under '${key}'`);
}

/** Keys Keras writes that carry nothing Strata needs (or only their default). */
const IGNORED_KEYS = new Set(['module', 'registeredName', 'buildConfig', 'compileConfig', 'inputDim']);
/** Keys that are fine when null/default and unsupported otherwise. */
const UNSUPPORTED_UNLESS_DEFAULT: Record<string, unknown[]> = {
  activityRegularizer: [null],
  groups: [1],
  synchronized: [false],
  renorm: [false],
  loraRank: [null],
  quantizationConfig: [null],
  // Keras 3 InputLayer flags.
  sparse: [false],
  ragged: [false],
  optional: [false],
};

/**
 * Constraint keys Keras and TensorFlow.js write on every layer that has the weight: null (none) is
 * dropped; a constraint goes to the layer, which takes it (Dense, Conv2D, PReLU, ...) or names it
 * as an option it does not have.
 */
const CONSTRAINT_KEYS = new Set([
  'kernelConstraint', 'biasConstraint', 'depthwiseConstraint', 'pointwiseConstraint', 'betaConstraint', 'gammaConstraint', 'alphaConstraint',
]);

/** Keras snake_case JSON -> our camelCase config; rejects features Strata does not implement. */
export function fromKerasJson(value: unknown, where: string, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => fromKerasJson(v, where));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const ck = k === 'class_name' ? 'className' : toCamelCase(k);
      if (IGNORED_KEYS.has(ck) || (CONSTRAINT_KEYS.has(ck) && v === null)) continue;
      if (Object.hasOwn(UNSUPPORTED_UNLESS_DEFAULT, ck)) {
        if (!UNSUPPORTED_UNLESS_DEFAULT[ck].includes(v as never)) {
          throw new ValueError(`${where}: '${k}' = ${JSON.stringify(v)} is not supported by Strata`);
        }
        continue;
      }
      // Keras 3 writes dtype as a DTypePolicy object; only float32 is supported.
      if (ck === 'dtype' && v !== null && typeof v === 'object') {
        const name = (v as { config?: { name?: string } }).config?.name ?? 'float32';
        if (name !== 'float32') throw new ValueError(`${where}: dtype policy '${name}' is not supported; expected float32`);
        out.dtype = 'float32';
        continue;
      }
      out[ck === 'batchShape' ? 'batchInputShape' : ck] = fromKerasJson(v, where, ck);
    }
    return out;
  }
  if (typeof value === 'string' && ENUM_KEYS.has(key)) return lookup(camelValues, value) ?? value;
  return value;
}
