import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm run fer-modern` at small scale, run as a user would (against the built packages).
const root = join(__dirname, '..', '..', '..', '..');
const script = join(root, 'examples/fer-modern/index.mjs');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', timeout: 600000 });
const SMALL = ['--samples', '60', '--epochs', '1', '--batch-size', '9'];

describe('examples/fer-modern', () => {
  test('trains the modern network, then the article model for the comparison; a matching npm start result is reused instead', () => {
    const out = mkdtempSync(join(tmpdir(), 'fer-modern-'));
    const r = run([...SMALL, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const layer of ['RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'SeparableConv2D', 'LeakyReLU', 'GlobalAveragePooling2D']) {
      expect(r.stdout).toContain(`(${layer})`);
    }
    expect(r.stdout).toContain('Total params: 49,031');
    expect(r.stdout).toContain('No npm start result for these settings');
    expect(r.stdout).toContain('Total params: 2,354,567'); // the article model, trained the same way
    const modern = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    const article = JSON.parse(readFileSync(join(out, 'article', 'metrics.json'), 'utf8'));
    expect([modern.params, article.params]).toEqual([49031, 2354567]);
    const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
    expect(r.stdout).toMatch(new RegExp(`article \\(npm start's model\\) +2,354,567 +${pct(article.testAccuracy)} +\\d+ s`));
    expect(r.stdout).toMatch(new RegExp(`modern \\(this run\\) +49,031 +${pct(modern.testAccuracy)} +\\d+ s`));
    expect(existsSync(join(out, 'model', 'model.json'))).toBe(true);
    expect(existsSync(join(out, 'training.svg'))).toBe(true);

    // Where npm start left a result for the same settings (cwd's examples/fer-cnn/output), it is read, not retrained.
    const cwd = mkdtempSync(join(tmpdir(), 'fer-modern-cwd-'));
    mkdirSync(join(cwd, 'examples', 'fer-cnn', 'output'), { recursive: true });
    const saved = join(cwd, 'examples', 'fer-cnn', 'output', 'metrics.json');
    copyFileSync(join(out, 'article', 'metrics.json'), saved);
    const again = run([...SMALL, '--out', join(cwd, 'modern')], cwd);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toContain('Total params: 2,354,567');
    expect(again.stdout).toContain(`the article model's figures from ${saved}, written ${article.finishedAt}`);
    expect(again.stdout).toMatch(new RegExp(`article \\(npm start's model\\) +2,354,567 +${pct(article.testAccuracy)}`));
  }, 600000);

  test('shares the FER examples\' flags and errors', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run fer-modern -- \[options\]/);
    const bad = run(['--epochs', '0']);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe("fer-modern: option --epochs must be a positive integer, got '0'");
  });
});
