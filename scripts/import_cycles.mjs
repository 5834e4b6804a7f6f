// Lists import cycles between a package's source files (type-only imports count: a cycle of
// types still ties the files together). Usage: node scripts/import_cycles.mjs [packages/models/src ...]
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'generated' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports (and re-exports) of one file, resolved to files. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']*)'/g)) {
    const base = resolve(dirname(file), m[1]);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (target) out.push(target);
  }
  return out;
}

/** Strongly connected components with more than one file (Tarjan), as lists of paths. */
export function importCycles(dirs) {
  const files = dirs.flatMap((d) => sources(resolve(root, d)));
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  let index = 0;
  const idx = new Map(), low = new Map(), stack = [], on = new Set(), cycles = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do { w = stack.pop(); on.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1) cycles.push(scc.map((f) => relative(root, f)).sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  const cycles = importCycles(dirs.length ? dirs : ['packages/core/src', 'packages/layers/src', 'packages/models/src', 'packages/data/src']);
  for (const c of cycles) console.log(`cycle of ${c.length} files:\n  ${c.join('\n  ')}`);
  if (cycles.length === 0) console.log('no import cycles');
  process.exitCode = cycles.length ? 1 : 0;
}
