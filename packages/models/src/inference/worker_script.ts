import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StrataError } from '@strata/core';

/** `import.meta.url`, defined by the ESM build (scripts/build.mjs); absent in CommonJS. */
declare const __STRATA_ESM_URL__: string | undefined;

/** The worker's entry point, also listed under `strata.entries` in package.json. */
const ENTRY = 'inference/worker_main';

/** The file this code runs from: a bundle in dist/ (.mjs or .cjs), or this .ts file under jest. */
function thisFile(): string {
  if (typeof __filename === 'string') return __filename;
  if (typeof __STRATA_ESM_URL__ === 'string') return fileURLToPath(__STRATA_ESM_URL__);
  throw new StrataError('predictAsync: cannot tell where @strata/models is installed, so the inference worker cannot be found');
}

let sourceBundle: string | null = null;

/**
 * From TypeScript sources (jest), the worker runs the sources as they are in the tree: they are
 * bundled on first use with esbuild, the build's own tool, and run with `eval: true`.
 */
function bundleSources(file: string): string {
  if (sourceBundle !== null) return sourceBundle;
  const packages = join(dirname(file), '..', '..', '..');
  const esbuild = createRequire(file)('esbuild') as typeof import('esbuild');
  const alias = Object.fromEntries(['core', 'layers', 'models', 'data'].map((n) => [`@strata/${n}`, join(packages, n, 'src', 'index.ts')]));
  const out = esbuild.buildSync({
    entryPoints: [join(dirname(file), 'worker_main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, alias, logLevel: 'silent',
  });
  sourceBundle = out.outputFiles[0].text;
  return sourceBundle;
}

/**
 * Starts an inference worker. From the ESM and CommonJS bundles it runs the worker bundle beside
 * them (dist/inference/worker_main.mjs or .cjs), which loads @strata/core and @strata/layers
 * as the caller does; from the TypeScript sources it runs them bundled on the fly.
 */
export function startInferenceWorker(): Worker {
  const file = thisFile();
  const ext = extname(file);
  if (ext === '.ts') return new Worker(bundleSources(file), { eval: true });
  const script = join(dirname(file), `${ENTRY}${ext}`);
  if (!existsSync(script)) {
    throw new StrataError(`predictAsync: the inference worker script ${script} is missing; @strata/models must run from its own dist/ files (not re-bundled)`);
  }
  // Started through `eval` rather than from the file: a worker from a file rejects some of the
  // caller's Node flags that it inherits (`--input-type` of `node --input-type=module -e`).
  return new Worker(`import(${JSON.stringify(pathToFileURL(script).href)})`, { eval: true });
}
