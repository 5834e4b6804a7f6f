/**
 * The four packages as a user gets them (issue 12, section 6): `npm pack` each, check the
 * tarball holds only dist, README, LICENSE and package.json, install the tarballs in a fresh
 * project (offline, from npm's cache), then run there an ESM script, a CommonJS script, a
 * strict `tsc --module node16` check of the article's model in the positional forms, and
 * every README's example.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const packages = ['core', 'layers', 'models', 'data'];
const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const node = (args: string[], cwd: string): string =>
  execFileSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, STRATA_BACKEND: 'reference' } }).trim();

/**
 * The third-party packages the four need, as registry tarball URLs at the versions of the
 * repository's lockfile: npm fetched exactly these for `npm ci`, so an offline install finds
 * them in its cache without the registry's metadata.
 */
function thirdPartyTarballs(): Record<string, string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; dependencies?: Record<string, string> }> };
  const todo = packages.flatMap((p) => Object.keys(JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8')).dependencies ?? {}));
  const out: Record<string, string> = {};
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (name.startsWith('@strata/') || name in out) continue;
    const entry = lock.packages[`node_modules/${name}`];
    out[name] = `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    todo.push(...Object.keys(entry.dependencies ?? {}));
  }
  return out;
}

let project = '';
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'strata-pack-'));
  const deps: Record<string, string> = thirdPartyTarballs();
  for (const p of packages) {
    const file = npm(['pack', '--silent', '--pack-destination', project], join(root, 'packages', p)).trim().split('\n').pop() as string;
    deps[`@strata/${p}`] = `file:./${file}`;
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-strata', private: true, dependencies: deps }, null, 2));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
}, 240_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

test.each(packages)('@strata/%s: the tarball holds only dist, README, LICENSE and package.json', (p) => {
  const tarball = readFileSync(join(project, 'package.json'), 'utf8').match(new RegExp(`strata-${p}-[^"]+\\.tgz`))?.[0] as string;
  const files = execFileSync('tar', ['-tzf', join(project, tarball)], { encoding: 'utf8' }).trim().split('\n');
  expect(files).toEqual(expect.arrayContaining(['package/README.md', 'package/LICENSE', 'package/package.json', 'package/dist/index.mjs', 'package/dist/index.cjs']));
  expect(files.filter((f) => !/^package\/(dist\/.+|README\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);
  expect(files.filter((f) => f.includes('tsbuildinfo'))).toEqual([]);
  const pkg = JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8'));
  for (const field of ['repository', 'keywords', 'engines', 'sideEffects', 'license']) expect(pkg[field]).toBeDefined();
});

const train = `
const model = new Sequential([new Dense(8, { activation: 'relu', inputShape: [2] }), new Dense(2, { activation: 'softmax' })], { name: 'xor' });
model.compile('adam', 'categoricalCrossentropy', 'accuracy');
const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [[1, 0], [0, 1], [0, 1], [1, 0]];
const history = await model.fit(x, y, { epochs: 3, verbose: 0 });
console.log(JSON.stringify({ epochs: history.history.loss.length, shape: model.predict(x).shape, keys: Object.keys(model.evaluate(x, y)) }));`;
const expected = { epochs: 3, shape: [4, 2], keys: ['loss', 'accuracy'] };

test('an ESM script', () => {
  writeFileSync(join(project, 'esm.mjs'), `import { Sequential } from '@strata/models';\nimport { Dense } from '@strata/layers';\n${train}`);
  expect(JSON.parse(node(['esm.mjs'], project))).toEqual(expected);
});

test('a CommonJS script', () => {
  writeFileSync(join(project, 'cjs.cjs'), `const { Sequential } = require('@strata/models');\nconst { Dense } = require('@strata/layers');\n(async () => {${train}\n})();`);
  expect(JSON.parse(node(['cjs.cjs'], project))).toEqual(expected);
});

test("a strict TypeScript file (--module node16) builds the article's model with the positional forms", () => {
  // The test helper that builds it is a plain user module: type-check that very file here.
  const helper = readFileSync(join(root, 'packages', 'models', 'test', 'helpers', 'article_positional.ts'), 'utf8');
  writeFileSync(join(project, 'article.mts'), `import type { History } from '@strata/models';
${helper}
const model = articleModelPositional();
const params: number = model.countParams();
const fit: (x: number[][][][], y: number[][]) => Promise<History> = (x, y) => model.fit(x, y, { batchSize: 64, epochs: 1 });
console.log(params, typeof fit);
`);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const out = execFileSync(process.execPath, [tsc, '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022', '--noEmit',
    '--typeRoots', join(root, 'node_modules', '@types'), '--types', 'node', 'article.mts'], { cwd: project, encoding: 'utf8' });
  expect(out).toBe('');
}, 60_000);

test.each(packages)("@strata/%s: the README's example runs as written", (p) => {
  const readme = readFileSync(join(root, 'packages', p, 'README.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1] as string;
  writeFileSync(join(project, `readme-${p}.mjs`), code);
  expect(() => node([`readme-${p}.mjs`], project)).not.toThrow();
}, 60_000);
