import { ValueError } from '../errors';
import { closestName } from './suggest';

/** Old Keras spellings whose meaning is not found by case or edit distance. */
const KERAS_ALIASES: Readonly<Record<string, string>> = { lr: 'learningRate' };

/**
 * The option names of an options interface, checked by the compiler both ways: every key of
 * `T` must be listed, and nothing else may be. `optionKeys<DenseArgs>()({ units: true, ... })`.
 */
export function optionKeys<T>(): (spec: { [K in keyof Required<T>]: true }) => readonly (keyof T & string)[] {
  return (spec) => Object.freeze(Object.keys(spec)) as readonly (keyof T & string)[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return `an array ${JSON.stringify(v).slice(0, 60)}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return `a ${(v as object).constructor?.name ?? 'object'}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Strictness, as Keras's "Unrecognized keyword arguments": `options` must be undefined or a
 * plain object whose every key is in `valid`. An unknown key is a ValueError that names the
 * function, the key and the valid key it most likely meant (`learning_rate` -> `learningRate`,
 * `activaton` -> `activation`). Returns the options (or `{}`).
 */
export function checkOptions<T extends object>(options: T | undefined, valid: readonly string[], who: string): T {
  if (options === undefined) return {} as T;
  if (!isPlainObject(options)) {
    throw new ValueError(`${who}: expected an options object { ${valid.join(', ')} }, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (valid.includes(key)) continue;
    const alias = Object.hasOwn(KERAS_ALIASES, key) && valid.includes(KERAS_ALIASES[key]) ? KERAS_ALIASES[key] : null;
    const meant = alias ?? closestName(key, valid);
    const hint = meant ? ` Did you mean '${meant}'?` : ` Valid options: ${valid.join(', ')}.`;
    throw new ValueError(`${who}: unknown option '${key}'.${hint}`);
  }
  return options;
}
