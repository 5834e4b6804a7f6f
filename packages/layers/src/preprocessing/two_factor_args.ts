import { isOptionsObject, keywordOrPositional } from '@strata/core';

/**
 * Keras's positional forms of RandomZoom and RandomTranslation: `(heightFactor)`,
 * `(heightFactor, options)`, `(heightFactor, widthFactor)` or `(heightFactor, widthFactor, options)`,
 * or the options object alone.
 */
export function twoFactorArgs<T extends object>(who: string, first: unknown, second: unknown, third: unknown, keys: readonly string[]): T {
  const secondIsOptions = isOptionsObject(second) && third === undefined;
  return keywordOrPositional<T>(who, { heightFactor: first, widthFactor: secondIsOptions ? undefined : second }, secondIsOptions ? second : third, keys);
}
