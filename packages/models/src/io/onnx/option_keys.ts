import { ValueError } from '@strata/core';

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * `options` (undefined or a plain object) with only `valid` keys; an unknown key is a ValueError
 * naming `who`, the key and the valid key nearest to it, as Keras's "Unrecognized keyword arguments".
 */
export function checkOptionKeys<T extends object>(options: T | undefined, valid: readonly string[], who: string): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${who}: expected an options object { ${valid.join(', ')} }, got ${JSON.stringify(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (valid.includes(key)) continue;
    const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
    const closest = [...valid].sort((a, b) => editDistance(norm(key), norm(a)) - editDistance(norm(key), norm(b)))[0];
    throw new ValueError(`${who}: unknown option '${key}'. Did you mean '${closest}'? Valid options: ${valid.join(', ')}`);
  }
  return options;
}
