import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// predictAsync from the built ESM and CommonJS packages, as a user's script runs it: the worker
// script must be found beside the bundle, and the script must end by itself once its last
// result is in (an idle worker never keeps the process alive; a pending call does).
const root = join(__dirname, '..', '..', '..', '..');
const run = (args: string[], env: Record<string, string> = {}) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60000, env: { ...process.env, ...env } }).trim();

const script = (load: string) => `${load}
const model = new models.Sequential({ layers: [
  new layers.Conv2D({ filters: 3, kernelSize: [3, 3], activation: 'relu', inputShape: [7, 7, 2] }),
  new layers.Flatten(), new layers.Dense({ units: 4, activation: 'softmax' })] });
const x = core.randomNormal([20, 7, 7, 2], { seed: 1 });
const bits = (t) => Buffer.from(t.f32.buffer, t.f32.byteOffset, t.f32.byteLength);
model.predictAsync(x, { batchSize: 8 }).then((y) => {
  console.log(JSON.stringify({ shape: y.shape, same: bits(y).equals(bits(model.predict(x, { batchSize: 8 }))), backend: core.getBackend().name }));
});`;

describe('predictAsync from the built packages', () => {
  test.each([
    ['CommonJS', ['-e', script(`const core = require('@strata/core'); const layers = require('@strata/layers'); const models = require('@strata/models');`)]],
    ['ESM', ['--input-type=module', '-e', script(`import * as core from '@strata/core'; import * as layers from '@strata/layers'; import * as models from '@strata/models';`)]],
  ])('%s: the result equals predict, and the process exits by itself', (_, args) => {
    const out = JSON.parse(run(args));
    expect(out).toEqual({ shape: [20, 4], same: true, backend: process.env.STRATA_BACKEND ?? 'wasm' });
  });

  test('a worker stops when its model is garbage-collected (and per-process flags such as --expose-gc are fine)', () => {
    // Linux's /proc/self/task lists this process's threads; the reference backend starts no kernel pool.
    const out = JSON.parse(run(['--expose-gc', '--input-type=module', '-e', `
      import { readdirSync } from 'node:fs';
      import * as core from '@strata/core'; import * as layers from '@strata/layers'; import * as models from '@strata/models';
      const threads = () => readdirSync('/proc/self/task').length;
      let model = new models.Sequential({ layers: [new layers.Dense({ units: 2, inputShape: [3] })] });
      await model.predictAsync(core.randomNormal([4, 3]));
      const running = threads();
      model = null;
      for (let i = 0; i < 20 && threads() >= running; i++) { global.gc(); await new Promise((r) => setTimeout(r, 100)); }
      console.log(JSON.stringify({ running, after: threads() }));`], { STRATA_BACKEND: 'reference' }));
    expect(out.after).toBe(out.running - 1);
  });
});
