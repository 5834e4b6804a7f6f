import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory per test file, removed after all its tests. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), `strata-data-${prefix}-`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
