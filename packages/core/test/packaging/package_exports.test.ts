import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Runs plain Node (no jest, no ts-jest) against the built packages, as a user's script would:
// `require` must resolve the CommonJS build and `import` the ESM build, through the exports map.
const root = join(__dirname, '..', '..', '..', '..');
const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, STRATA_BACKEND: 'reference' } }).trim();

const script = (load: string) => `${load}
const x = core.tensor([[1, 2], [3, 4]]);
const layer = new layers.Dense({ units: 1, kernelInitializer: 'ones' });
const model = new models.Sequential({ layers: [layer] });
const y = model.predict(x);
console.log(JSON.stringify({ y: Array.from(y.dataSync()), data: typeof data.generateExpressions }));`;

describe('built packages', () => {
  test('require() loads the CommonJS builds', () => {
    const out = run(['-e', script(`const core = require('@strata/core'); const layers = require('@strata/layers'); const models = require('@strata/models'); const data = require('@strata/data');`)]);
    expect(JSON.parse(out)).toEqual({ y: [3, 7], data: 'function' });
  });

  test('import loads the ESM builds', () => {
    const out = run(['--input-type=module', '-e', script(`import * as core from '@strata/core'; import * as layers from '@strata/layers'; import * as models from '@strata/models'; import * as data from '@strata/data';`)]);
    expect(JSON.parse(out)).toEqual({ y: [3, 7], data: 'function' });
  });

  test('the wasm worker pool starts under node --input-type=module -e', () => {
    const code = `import { setBackend, setNumThreads, conv2d, randomUniform } from '@strata/core';
setBackend('wasm'); setNumThreads(2);
console.log(JSON.stringify(conv2d(randomUniform([8, 32, 32, 16], { seed: 1 }), randomUniform([3, 3, 16, 32], { seed: 2 })).shape));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout: 60_000 }).trim();
    expect(JSON.parse(out)).toEqual([8, 30, 30, 32]);
  });
});
