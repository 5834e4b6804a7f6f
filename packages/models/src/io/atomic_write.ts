import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

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

/** Writes one file under a temporary name, flushes it, then renames it into place. */
export async function writeFileAtomically(path: string, data: Uint8Array | string, io: FileSystem = nodeFileSystem): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await io.writeFile(tmp, data);
    await io.fsyncFile(tmp);
  } catch (e) {
    await io.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await io.rename(tmp, path);
}
