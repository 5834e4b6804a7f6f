import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The examples are plain Node scripts against the built packages: run them as a user would.
const root = join(__dirname, '..', '..', '..', '..');
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, encoding: 'utf8', timeout: 240000 });

describe('examples/fer-cnn', () => {
  test('a tiny run trains the article model, reports, saves and draws the chart', () => {
    const out = mkdtempSync(join(tmpdir(), 'fer-cnn-'));
    const r = run('examples/fer-cnn/index.mjs', ['--samples', '70', '--epochs', '1', '--batch-size', '35', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Total params: 2,354,567');
    expect(r.stdout).toMatch(/Test loss \d+\.\d+, test accuracy \d+\.\d %/);
    expect(r.stdout).toContain('Confusion matrix (rows: true class, columns: predicted)');
    expect(r.stdout).toContain(`Wrote the training picture to ${join(out, 'training.svg')}`);
    const svg = readFileSync(join(out, 'training.svg'), 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Confusion matrix');
    expect(existsSync(join(out, 'model', 'model.json'))).toBe(true);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.confusionMatrix).toHaveLength(7);
    expect(metrics.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(18);
  }, 240000);

  test('user errors get one clear line and exit 1, no stack trace', () => {
    const missing = run('examples/fer-cnn/index.mjs', ['--data', '/nonexistent/fer2013.csv']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe("fer-cnn: --data: '/nonexistent/fer2013.csv' does not exist");
    const dir = mkdtempSync(join(tmpdir(), 'fer-csv-'));
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'label,image\n0,1 2 3\n');
    const bad = run('examples/fer-cnn/index.mjs', ['--data', csv]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^fer-cnn: .*header/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const flag = run('examples/fer-cnn/index.mjs', ['--epochs', 'many']);
    expect(flag.status).toBe(1);
    expect(flag.stderr.trim()).toBe("fer-cnn: option --epochs must be a positive integer, got 'many'");
    const empty = mkdtempSync(join(tmpdir(), 'fer-folder-'));
    const noClasses = run('examples/fer-cnn/index.mjs', ['--data', empty]);
    expect(noClasses.status).toBe(1);
    expect(noClasses.stderr).toMatch(/^fer-cnn: .*class/);
  });
});

describe('examples/bn-placement', () => {
  test('trains the six variants and writes the chart and the table', () => {
    const out = mkdtempSync(join(tmpdir(), 'bn-placement-'));
    const r = run('examples/bn-placement/index.mjs', ['--samples', '70', '--epochs', '1', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const table = readFileSync(join(out, 'bn-placement.md'), 'utf8').trim().split('\n');
    expect(table).toHaveLength(2 + 6);
    for (const bn of ['none', 'before', 'after']) expect(table.filter((l) => l.startsWith(`| ${bn} |`))).toHaveLength(2);
    expect(readFileSync(join(out, 'bn-placement.svg'), 'utf8')).toContain('Validation accuracy, Adam lr 0.01');
  }, 240000);
});

describe('examples/quickstart', () => {
  test('learns the two spirals', () => {
    const r = run('examples/quickstart/index.mjs', []);
    expect(r.status).toBe(0);
    const m = /accuracy (\d+\.\d) %/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(95);
  });
});
