import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StrataError, ValueError, type Tensor } from '@strata/core';
import { Dense, Layer, type CallArgs } from '@strata/layers';
import { exportOnnx, nodeFileSystem, Sequential, type FileSystem } from '@strata/models';
import { cleanup, denseModel, tempDir } from '../helpers';

afterAll(cleanup);

/** A layer Strata cannot export: a user's own. */
class Doubler extends Layer {
  constructor() {
    super({ name: 'doubler' }, 'Doubler');
  }
  call(x: Tensor, _args: CallArgs): Tensor {
    return x.mul(2);
  }
}

const OLD = Buffer.from('previous export');

/** A directory holding `model.onnx` with known old bytes. */
function withOldFile(): { dir: string; file: string } {
  const dir = tempDir('strata-onnx-');
  const file = join(dir, 'model.onnx');
  writeFileSync(file, OLD);
  return { dir, file };
}

/** Expects the refusal, and that the directory still holds only the old file, unchanged. */
async function expectRefused(run: (file: string) => Promise<void>, error: new (...a: never[]) => Error, message: RegExp): Promise<void> {
  const { dir, file } = withOldFile();
  const e = await run(file).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(error);
  expect((e as Error).message).toMatch(message);
  expect(readdirSync(dir)).toEqual(['model.onnx']);
  expect(readFileSync(file).equals(OLD)).toBe(true);
}

describe('exportOnnx refuses before writing anything', () => {
  test('an unknown option names the function, the key and the option meant', async () => {
    const model = denseModel();
    await expectRefused((f) => exportOnnx(model, f, { opsett: 13 } as never), ValueError, /^exportOnnx: unknown option 'opsett'\. Did you mean 'opset'\?$/);
    await expectRefused((f) => model.exportOnnx(f, { op_set: 13 } as never), ValueError, /^exportOnnx: unknown option 'op_set'\. Did you mean 'opset'\?/);
    await expectRefused((f) => exportOnnx(model, f, 13 as never), ValueError, /^exportOnnx: expected an options object \{ opset, fileSystem \}/);
  });

  test.each([8, 22, 13.5, '13'])('opset %p', async (opset) => {
    await expectRefused((f) => exportOnnx(denseModel(), f, { opset: opset as number }), ValueError, /opset must be an integer from 9 to 21/);
  });

  test('a layer that cannot be exported is named, with its class', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4] }), new Doubler()] });
    await expectRefused((f) => exportOnnx(model, f), ValueError, /^exportOnnx: Sequential '.*': layer Doubler 'doubler' cannot be exported to ONNX; exportable layers: Conv2D, (\w+, )*InputLayer(, \w+)*$/);
  });

  test('a model that is not built', async () => {
    await expectRefused((f) => exportOnnx(new Sequential({ layers: [new Dense({ units: 3 })] }), f), ValueError, /is not built/);
  });

  test.each([
    ['empty', () => '', /the path must be a non-empty string/],
    ['climbing out with ..', () => '../model.onnx', /climbs with '\.\.'/],
    ['.. in the middle', (f: string) => `${f}/../../model.onnx`, /climbs with '\.\.'/],
    ['a NUL byte', (f: string) => `${f}\0.onnx`, /holds a NUL byte/],
    ['an existing directory', (f: string) => { mkdirSync(`${f}.d`); return `${f}.d`; }, /is a directory/],
  ] as const)('an unsafe path: %s', async (_name, path, message) => {
    const { dir, file } = withOldFile();
    const target = path(file);
    await expect(exportOnnx(denseModel(), target)).rejects.toThrow(message);
    expect(readdirSync(dir).filter((n) => !n.endsWith('.d'))).toEqual(['model.onnx']);
    expect(readFileSync(file).equals(OLD)).toBe(true);
    expect(existsSync(join(dir, '..', 'model.onnx'))).toBe(false);
  });

  test('save shares the path refusals', async () => {
    await expect(denseModel().save('../model')).rejects.toThrow(/^save: Sequential '.*': the path '\.\.\/model' climbs with '\.\.'/);
    await expect(denseModel().save('')).rejects.toThrow(/the path must be a non-empty string/);
  });
});

describe('exportOnnx writes atomically', () => {
  test('the disk fills up mid-write: the previous file is intact and no temporary file is left', async () => {
    let failed = false;
    const io: FileSystem = {
      ...nodeFileSystem,
      async writeFile(path, data) {
        await nodeFileSystem.writeFile(path, data.slice(0, Math.floor(data.length / 2)));
        failed = true;
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    await expectRefused((f) => exportOnnx(denseModel(), f, { fileSystem: io }), StrataError, /^exportOnnx: Sequential '.*': writing '.*model\.onnx' failed \(ENOSPC: no space left on device\); the previous file at '.*', if any, is intact$/);
    expect(failed).toBe(true);
  });

  test('the final rename fails: no temporary file is left', async () => {
    const io: FileSystem = { ...nodeFileSystem, rename: async () => { throw new Error('EXDEV: cross-device link'); } };
    await expectRefused((f) => exportOnnx(denseModel(), f, { fileSystem: io }), StrataError, /failed \(EXDEV/);
  });

  test('the parent directory is created, as save creates its directory', async () => {
    const file = join(tempDir('strata-onnx-'), 'sub', 'deeper', 'model.onnx');
    await exportOnnx(denseModel(), file);
    expect(readFileSync(file).length).toBeGreaterThan(100);
  });

  test('a successful export replaces the previous file', async () => {
    const { dir, file } = withOldFile();
    await exportOnnx(denseModel(), file);
    expect(readdirSync(dir)).toEqual(['model.onnx']);
    expect(readFileSync(file).equals(OLD)).toBe(false);
    expect(readFileSync(file).length).toBeGreaterThan(100);
  });
});
