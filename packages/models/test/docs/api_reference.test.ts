/** docs/api.md names every public export (values and types) of every package. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@strata/core';
import * as layers from '@strata/layers';
import * as models from '@strata/models';
import * as data from '@strata/data';

const root = join(__dirname, '..', '..', '..', '..');
const api = readFileSync(join(root, 'docs', 'api.md'), 'utf8');

/** Type-only exports named in an index.ts (`type Name` inside export braces). */
function typeExports(pkg: string): string[] {
  const index = readFileSync(join(root, 'packages', pkg, 'src', 'index.ts'), 'utf8');
  const names: string[] = [];
  for (const m of index.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const item of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
      if (m[1] || item.startsWith('type ')) names.push(item.replace(/^type\s+/, '').split(/\s+as\s+/).pop() as string);
    }
  }
  return names;
}

const mentioned = (name: string): boolean => new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(api);

test.each([
  ['core', core], ['layers', layers], ['models', models], ['data', data],
] as const)('@strata/%s: every export is in docs/api.md', (pkg, exports) => {
  const names = [...Object.keys(exports), ...typeExports(pkg)];
  expect(names.length).toBeGreaterThan(10);
  expect(names.filter((n) => !mentioned(n))).toEqual([]);
});
