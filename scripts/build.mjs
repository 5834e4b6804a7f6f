// Builds every workspace package: esbuild bundles (ESM + CommonJS) and tsc declarations.
// Runs on `npm install` (prepare) and before `npm test`, so a fresh clone needs no manual step.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packages = rootPkg.workspaces.filter((w) => w.startsWith('packages/'));

function run(cmd, args, cwd) {
  try {
    execFileSync(cmd, args, { cwd, stdio: 'inherit' });
  } catch {
    console.error(`build failed: ${[cmd, ...args].join(' ')}`);
    process.exit(1);
  }
}

for (const rel of packages) {
  const dir = join(root, rel);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // A package may compile non-TypeScript artefacts (the WebAssembly kernels) first.
  const pre = join(dir, 'scripts', 'prebuild.mjs');
  if (existsSync(pre)) run(process.execPath, [pre], dir);
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  // Extra entry points (e.g. a worker script) are listed under "strata.entries".
  const entries = ['index', ...((pkg.strata && pkg.strata.entries) || [])];
  for (const entry of entries) {
    const common = {
      entryPoints: [join(dir, 'src', `${entry}.ts`)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      external,
      logLevel: 'warning',
    };
    // Code that must find files beside its bundle reads __STRATA_ESM_URL__ in ESM (no __filename there).
    await build({ ...common, format: 'esm', outfile: join(dir, 'dist', `${entry}.mjs`), define: { __STRATA_ESM_URL__: 'import.meta.url' } });
    await build({ ...common, format: 'cjs', outfile: join(dir, 'dist', `${entry}.cjs`) });
  }
}
// Declarations for all packages at once; project references build them in dependency order.
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(root, 'tsconfig.json')], root);
