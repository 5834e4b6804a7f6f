import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs every ```js block of docs/getting-started.md, deploy.md, keras-to-strata.md and using-strata.md with plain Node as an ES module, as a reader
// would paste it: against the built packages (`node scripts/build.mjs` first), resolved through
// the workspace links from the repository root. Each block must exit 0, and where the doc states
// an output (a comment after a console.log) the output must contain it.

const root = join(__dirname, '..', '..', '..', '..');

interface Block {
  /** Position among the ```js blocks, 1-based (for test names). */
  index: number;
  /** The line of the opening fence in the markdown file. */
  line: number;
  code: string;
}

function jsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```js\s*$/.test(lines[i])) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    blocks.push({ index: blocks.length + 1, line: start + 1, code: body.join('\n') });
  }
  return blocks;
}

/**
 * What the doc says a block prints: the text of a trailing `// ...` comment on a console.log
 * line, or the comment lines right below a console.log line that has none (a multi-line output).
 */
function statedOutputs(code: string): string[] {
  const out: string[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/console\.log\(/.test(lines[i])) continue;
    const trailing = /\)\s*;?\s*\/\/\s*(.+)$/.exec(lines[i]);
    if (trailing) {
      out.push(trailing[1].trim());
      continue;
    }
    for (let j = i + 1; j < lines.length && /^\s*\/\//.test(lines[j]); j++) out.push(lines[j].replace(/^\s*\/\/\s?/, '').trim());
  }
  return out.filter((s) => s !== '');
}

/** Names a block declares at top level (`const model = ...`, `let x`, `function f`). */
function declared(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/^(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  return names;
}

/**
 * A block that uses `model` or `x` without declaring them is a continuation of an earlier block
 * (the "Saving and loading" snippet saves the model trained in "Your first model"): it runs with
 * the blocks before it that declare those names prepended, in document order.
 */
function runnableCode(block: Block, blocks: readonly Block[]): string {
  const own = declared(block.code);
  const needs = ['model', 'x', 'y', 'history'].filter((n) => !own.has(n) && new RegExp(`\\b${n}\\b\\s*[.,)]`).test(block.code));
  if (needs.length === 0) return block.code;
  const earlier = blocks.filter((b) => b.index < block.index && needs.some((n) => declared(b.code).has(n)));
  return [...earlier.map((b) => b.code), block.code].join('\n');
}

describe.each([
  ['getting-started.md', 3],
  ['deploy.md', 1],
  ['keras-to-strata.md', 1],
  ['using-strata.md', 1],
])('docs/%s', (doc, minBlocks) => {
  const docPath = join(root, 'docs', doc);
  const blocks = existsSync(docPath) ? jsBlocks(readFileSync(docPath, 'utf8')) : [];
  let tmp: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'strata-docs-'));
  });

  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  test('has js examples, and the packages are built', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(minBlocks);
    for (const pkg of ['core', 'layers', 'models']) expect(existsSync(join(root, 'packages', pkg, 'dist', 'index.mjs'))).toBe(true);
  });

  test.each(blocks.map((b) => [b.index, b.line, b] as const))('js block %i (line %i) runs as written', (_i, _line, block) => {
    // Files the snippets write go to a temporary directory, not the repository.
    const dir = join(tmp, `block${block.index}`);
    const code = runnableCode(block, blocks)
      .replace(/(['"])my-model\1/g, JSON.stringify(join(dir, 'my-model')))
      .replace(/(['"])model\.onnx\1/g, JSON.stringify(join(dir, 'model.onnx')));
    let stdout: string;
    // A file in the repository root (so '@strata/*' resolves), as a reader runs a script: `node
    // -e` with --input-type=module is inherited by the wasm backend's eval'd pool workers, which
    // then never start.
    const file = join(root, `.doc-block-${process.pid}-${doc}-${block.index}.mjs`);
    writeFileSync(file, code);
    try {
      stdout = execFileSync(process.execPath, [file], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
    } catch (e) {
      const err = e as { status?: number; stdout?: string; stderr?: string };
      throw new Error(`block ${block.index} (docs/${doc} line ${block.line}) exited with ${err.status}\n--- stderr\n${err.stderr}\n--- stdout\n${err.stdout}\n--- code\n${code}`);
    } finally {
      rmSync(file, { force: true });
    }
    for (const expected of statedOutputs(block.code)) expect(stdout).toContain(expected);
    if (/\.save\(['"]my-model['"]/.test(block.code)) {
      expect(existsSync(join(dir, 'my-model', 'model.json'))).toBe(true);
    }
    if (/\.exportOnnx\(['"]model\.onnx['"]/.test(block.code)) {
      expect(existsSync(join(dir, 'model.onnx'))).toBe(true);
    }
  });
});
