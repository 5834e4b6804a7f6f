import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StrataError } from '@strata/core';
import { loadModel, nodeFileSystem, type FileSystem, type Sequential } from '@strata/models';
import { articleModel, cleanup, denseModel, perturbBatchNorm, randomValues, readModelJson, tempDir, expectSameWeights, weightValues } from './helpers';

afterAll(cleanup);

/** A disk that fills up: the `n`-th write whose target matches `pattern` gets half its bytes, then ENOSPC. */
function fullDiskAt(pattern: RegExp, n = 1): FileSystem & { failed: boolean } {
  let seen = 0;
  const io = {
    ...nodeFileSystem,
    failed: false,
    async writeFile(path: string, data: Uint8Array | string): Promise<void> {
      if (pattern.test(basename(path)) && ++seen === n) {
        await nodeFileSystem.writeFile(path, data.slice(0, Math.floor(data.length / 2)));
        io.failed = true;
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      return nodeFileSystem.writeFile(path, data);
    },
  };
  return io;
}

/** Saves `model`, then changes every weight, so the two saves differ everywhere. */
async function savedThenChanged(model: Sequential, dir: string): Promise<number[][]> {
  await model.save(dir);
  const old = weightValues(model);
  model.setWeights(model.getWeights().map((w, i) => randomValues(w.shape, 100 + i, 0.1)));
  return old;
}

describe('saving is atomic: a failed save leaves the previous one intact', () => {
  test('the disk fills up in the middle of the second of three shards', async () => {
    const model = articleModel();
    perturbBatchNorm(model, 4);
    const dir = tempDir();
    const old = await savedThenChanged(model, dir);
    const before = readdirSync(dir).sort();
    const io = fullDiskAt(/shard2of3/);
    const error = await model.save(dir, { fileSystem: io }).catch((e: unknown) => e);
    expect(io.failed).toBe(true);
    expect(error).toBeInstanceOf(StrataError);
    expect((error as Error).message).toMatch(new RegExp(`^save: Sequential '${model.name}': writing '${dir}/group1-shard2of3\\.[0-9a-f]+\\.bin' failed \\(ENOSPC: no space left on device\\); the previous save in '${dir}', if any, is intact$`));
    expect(((error as Error).cause as { code: string }).code).toBe('ENOSPC');
    // Nothing of the failed save is left behind: no temp file, no new shard.
    expect(readdirSync(dir).sort()).toEqual(before);
    expectSameWeights(weightValues(await loadModel(dir)), old);
  });

  test('the disk fills up while model.json is written, after every new shard', async () => {
    const model = denseModel();
    const dir = tempDir();
    const old = await savedThenChanged(model, dir);
    const before = readdirSync(dir).sort();
    await expect(model.save(dir, { fileSystem: fullDiskAt(/model\.json/) })).rejects.toThrow(/writing '.*model\.json' failed \(ENOSPC/);
    expect(readdirSync(dir).sort()).toEqual(before);
    expectSameWeights(weightValues(await loadModel(dir)), old);
  });

  test('a crash before the commit (model.json not yet renamed into place) keeps the old save', async () => {
    const model = denseModel();
    const dir = tempDir();
    const old = await savedThenChanged(model, dir);
    const io: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (basename(to) === 'model.json') throw new Error('EIO: i/o error');
        return nodeFileSystem.rename(from, to);
      },
    };
    await expect(model.save(dir, { fileSystem: io })).rejects.toThrow(StrataError);
    expectSameWeights(weightValues(await loadModel(dir)), old);
  });

  test('after the commit, failing to delete the old shards is harmless: the new save loads', async () => {
    const model = denseModel();
    const dir = tempDir();
    const oldPaths = (await savedThenChanged(model, dir), readModelJson(dir).weightsManifest[0].paths);
    const io: FileSystem = { ...nodeFileSystem, unlink: async () => { throw new Error('EBUSY'); } };
    await model.save(dir, { fileSystem: io });
    expectSameWeights(weightValues(await loadModel(dir)), weightValues(model));
    // The stale shard is merely left over...
    expect(readdirSync(dir).sort()).toEqual([...oldPaths, ...readModelJson(dir).weightsManifest[0].paths, 'model.json'].sort());
    // ...until the next successful save sweeps it, leaving files of other names alone.
    writeFileSync(join(dir, 'notes.bin'), 'mine');
    model.layers[0].setWeights(model.layers[0].getWeights().map((w) => randomValues([...w.shape], 'sweep')));
    await model.save(dir);
    expect(readdirSync(dir).sort()).toEqual([...readModelJson(dir).weightsManifest[0].paths, 'model.json', 'notes.bin'].sort());
  });
});

describe('the next save sweeps the temporary files of a killed one', () => {
  /** A pid no process has: a child that has exited. */
  async function deadPid(): Promise<number> {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    return child.pid as number;
  }

  test('ours from a dead writer go; a live writer\'s, and files that only look alike, stay', async () => {
    const dir = tempDir();
    const model = denseModel();
    await model.save(dir);
    const dead = await deadPid();
    const killed = [`.model.json.tmp-${dead}-0123abcd`, `.group1-shard1of1.0123456789.bin.tmp-${dead}-89abcdef`];
    const kept = [
      `.model.json.tmp-${process.pid}-0123abcd`, // a save of this (live) process may be writing it
      `.notes.txt.tmp-${dead}-0123abcd`, // not a file Strata writes
      `model.json.tmp-${dead}-0123abcd`, // not our name (no leading dot)
      'user.tmp',
    ];
    for (const name of [...killed, ...kept]) writeFileSync(join(dir, name), Buffer.alloc(1024));
    await model.save(dir);
    const names = readdirSync(dir);
    for (const name of killed) expect(names).not.toContain(name);
    for (const name of kept) expect(names).toContain(name);
    await loadModel(dir);
  });
});
