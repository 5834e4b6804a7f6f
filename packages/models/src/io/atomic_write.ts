import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fmtValue, ValueError } from '@strata/core';

/** The file system calls saving uses; tests replace them to fail a write part-way. */
export interface FileSystem {
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  fsyncFile(path: string): Promise<void>;
}

/** The real file system (Node's fs/promises). */
export const nodeFileSystem: FileSystem = {
  writeFile: (p, d) => fs.writeFile(p, d),
  rename: (a, b) => fs.rename(a, b),
  unlink: (p) => fs.unlink(p),
  mkdir: async (p) => {
    await fs.mkdir(p, { recursive: true });
  },
  fsyncFile: async (p) => {
    const h = await fs.open(p, 'r+');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  },
};

/**
 * Refuses a save target that is not a plain path, before anything is written: not a string,
 * empty, holding a NUL byte, or climbing with a `..` segment (the refusal loading applies to
 * weight paths). Absolute paths and paths below the working directory are fine.
 */
export function checkOutputPath(path: unknown, who: string): asserts path is string {
  if (typeof path !== 'string' || path === '') throw new ValueError(`${who}: the path must be a non-empty string, got ${fmtValue(path)}`);
  if (path.includes('\0')) throw new ValueError(`${who}: the path ${JSON.stringify(path)} holds a NUL byte`);
  if (path.split(/[\\/]/).includes('..')) throw new ValueError(`${who}: the path '${path}' climbs with '..'; give the resolved path instead`);
}

/** `.model.json.tmp-<pid>-<8 hex>`: the temporary name writeFileAtomically gives `path`. */
const tempName = (name: string): string => `.${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
const TEMP_NAME = /^\.(.+)\.tmp-(\d+)-[0-9a-f]{8}$/;

/** Writes one file under a temporary name, flushes it, then renames it into place. */
export async function writeFileAtomically(path: string, data: Uint8Array | string, io: FileSystem = nodeFileSystem): Promise<void> {
  const tmp = join(dirname(path), tempName(basename(path)));
  try {
    await io.writeFile(tmp, data);
    await io.fsyncFile(tmp);
  } catch (e) {
    await io.unlink(tmp).catch(() => undefined);
    throw e;
  }
  try {
    await io.rename(tmp, path);
  } catch (e) {
    // e.g. the target is a directory: leave no temporary file behind either.
    await io.unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Whether process `pid` is running (a permission error still means it exists). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the temporary files a killed writer left in `dir`: only names writeFileAtomically
 * makes, for a file `isOurs` accepts, and only when the writing process is gone (a live save,
 * of this process or another, keeps its files). Best effort: errors are ignored.
 */
export async function sweepTempFiles(dir: string, isOurs: (name: string) => boolean, io: FileSystem = nodeFileSystem): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || !isOurs(m[1]) || isAlive(Number(m[2]))) continue;
    await io.unlink(join(dir, name)).catch(() => undefined);
  }
}
