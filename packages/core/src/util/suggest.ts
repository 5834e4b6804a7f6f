import { toCamelCase } from './names';

/** Edit distance with insertions, deletions, substitutions and swaps of neighbours, each costing 1 (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The one spelling rule for names: case and underscores do not matter ('learning_rate' = 'learningRate'). */
export function nameKey(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/**
 * The valid name a user most likely meant: the same name in another case convention
 * (snake_case for camelCase), else the nearest by edit distance if it is near enough to be a
 * typo (at most a third of the name, and at least 1, 2 edits for names of 6 or more); null if none.
 */
export function closestName(name: string, valid: readonly string[]): string | null {
  const camel = toCamelCase(name);
  const same = valid.find((v) => v === camel) ?? valid.find((v) => nameKey(v) === nameKey(name));
  if (same) return same;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const v of valid) {
    const d = editDistance(nameKey(name), nameKey(v));
    if (d < bestDistance) [best, bestDistance] = [v, d];
  }
  const limit = Math.max(name.length >= 6 ? 2 : 1, Math.floor(name.length / 3));
  return bestDistance <= limit ? best : null;
}

/** " Did you mean 'x'?" or '' when nothing is close. */
export function didYouMean(name: string, valid: readonly string[]): string {
  const c = closestName(name, valid);
  return c === null ? '' : ` Did you mean '${c}'?`;
}
