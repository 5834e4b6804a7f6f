/** Sequential is a layer stack and the Trainer uses its public surface: no import cycles (type imports included). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

it('packages/layers, models and data have no import cycle', () => {
  const root = join(__dirname, '../../../..');
  const r = spawnSync(process.execPath, ['scripts/import_cycles.mjs', 'packages/layers/src', 'packages/models/src', 'packages/data/src'], { cwd: root, encoding: 'utf8' });
  expect(r.stdout.trim()).toBe('no import cycles');
  expect(r.status).toBe(0);
});

it('the script finds a cycle when there is one', () => {
  const root = join(__dirname, '../../../..');
  // core still has two small ones (tensor <-> autograd, arithmetic <-> unary): proof the script sees cycles.
  const r = spawnSync(process.execPath, ['scripts/import_cycles.mjs', 'packages/core/src'], { cwd: root, encoding: 'utf8' });
  expect(r.stdout).toMatch(/cycle of \d+ files/);
});
