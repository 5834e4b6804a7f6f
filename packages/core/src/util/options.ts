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

/** Whether `v` is an options object (a plain object), as opposed to a Keras positional argument. */
export function isOptionsObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v);
}

/**
 * Merges Keras positional arguments (`new Dense(64, { activation })`) into the options object,
 * after checking the options' keys. A value given both ways is a ValueError.
 */
export function withPositional<T extends object>(who: string, positional: Record<string, unknown>, options: unknown, valid: readonly string[]): T {
  const o = checkOptions(options as T | undefined, valid, who) as Record<string, unknown>;
  for (const key of Object.keys(positional)) {
    if (positional[key] !== undefined && o[key] !== undefined) {
      throw new ValueError(`${who}: '${key}' is given both positionally (${JSON.stringify(positional[key])}) and in the options (${JSON.stringify(o[key])})`);
    }
  }
  const defined = Object.fromEntries(Object.entries(positional).filter(([, v]) => v !== undefined));
  return { ...o, ...defined } as T;
}

/**
 * A constructor's arguments in either form: the options object alone (`new Dense({ units: 64 })`),
 * or Keras's leading positional values then the options (`new Dense(64, { activation })`).
 * `positional` maps each positional name to the value given (the first may be the options object).
 */
export function keywordOrPositional<T extends object>(who: string, positional: Record<string, unknown>, options: unknown, valid: readonly string[]): T {
  const values = Object.values(positional);
  if ((values[0] === undefined || isPlainObject(values[0])) && values.slice(1).every((v) => v === undefined) && options === undefined) {
    return checkOptions(values[0] as T | undefined, valid, who);
  }
  return withPositional<T>(who, positional, options, valid);
}
