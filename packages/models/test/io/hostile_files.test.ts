// Files that lie (issue 13): a manifest dtype that does not match, a topology that declares far
// more weights than the manifest (refused before anything is allocated), a parameter cap, and a
// shard that is a symlink out of the model directory.
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DTypeError, ShapeError, StrataError, tensor, ValueError } from '@strata/core';
import { Conv2D, Dense, Flatten, MaxPooling2D } from '@strata/layers';
import { Adam, loadModel, Sequential } from '@strata/models';
import { cleanup, readModelJson, tempDir } from './helpers';

afterAll(cleanup);

const convModel = (): Sequential => new Sequential({
  layers: [
    new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1], name: 'conv' }),
    new MaxPooling2D({ poolSize: 2, name: 'pool' }),
    new Flatten({ name: 'flat' }),
    new Dense({ units: 16, name: 'dense' }),
  ],
});

/** Saves `model` (with its optimizer state when compiled) and returns its directory. */
async function saved(model: Sequential = convModel()): Promise<string> {
  const dir = tempDir();
  await model.save(dir, { includeOptimizer: model.optimizer !== null && model.optimizer !== undefined });
  return dir;
}

function editJson(dir: string, edit: (json: ReturnType<typeof readModelJson> & { modelTopology: any }) => void): void {
  const json = readModelJson(dir) as ReturnType<typeof readModelJson> & { modelTopology: any };
  edit(json);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
}

async function loadError(dir: string, options = {}): Promise<Error> {
  const e = await loadModel(dir, options).then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(StrataError);
  return e as Error;
}

describe('a manifest dtype must match the weight it fills', () => {
  test('int32 on a float32 kernel (same byte size) is refused, naming the weight', async () => {
    const dir = await saved();
    editJson(dir, (j) => void (j.weightsManifest[0].weights[0].dtype = 'int32'));
    const e = await loadError(dir);
    expect(e).toBeInstanceOf(DTypeError);
    expect(e.message).toMatch(/weight 'conv\/kernel' has dtype 'int32' in the weightsManifest, but Conv2D 'conv' holds it as float32$/);
  });

  test('int32 on an optimizer slot is refused too; the int32 step count still loads', async () => {
    const model = convModel();
    model.compile({ optimizer: new Adam(), loss: 'mse' });
    await model.fit(tensor(new Float32Array(2 * 64).fill(0.5), [2, 8, 8, 1]), tensor(new Float32Array(32), [2, 16]), { epochs: 1, verbose: 0 });
    const dir = await saved(model);
    expect((await loadModel(dir)).optimizer?.getState().iterations).toBe(1);
    editJson(dir, (j) => {
      const slot = j.weightsManifest[0].weights.find((w) => w.group === 'optimizer' && w.name.endsWith('/m'));
      (slot as { dtype: string }).dtype = 'int32';
    });
    expect(await loadError(dir)).toBeInstanceOf(DTypeError);
  });
});

describe('the topology is checked against the manifest before any weight exists', () => {
  test('batch_input_shape [null, 3000, 3000, 1] is a ShapeError, with no large allocation', async () => {
    const dir = await saved();
    editJson(dir, (j) => void (j.modelTopology.config.layers[0].config.batch_input_shape = [null, 3000, 3000, 1]));
    const before = process.memoryUsage().arrayBuffers;
    const e = await loadError(dir);
    // The Dense kernel would be [1499 * 1499 * 4, 16]: 144 M floats, 575 MB, if it were built.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20e6);
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/weight 'dense\/kernel' has shape \[8988004, 16\] in the weightsManifest|weight 'dense\/kernel' has shape \[36, 16\] in the weightsManifest, but Dense 'dense' expects \[8988004, 16\]/);
  });

  test('a topology declaring more than maxParams parameters is refused before reading shards', async () => {
    const dir = await saved();
    editJson(dir, (j) => void (j.modelTopology.config.layers[3].config.units = 1e8));
    const e = await loadError(dir);
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toMatch(/the topology declares 3\.700e\+9 parameters, over the limit of 1\.000e\+9 \(raise it with loadModel\(path, \{ maxParams \}\)\)$/);
  });

  test('maxParams lowers or raises the cap; the manifest is counted too', async () => {
    const dir = await saved();
    const params = convModel().countParams();
    expect((await loadModel(dir, { maxParams: params })).countParams()).toBe(params);
    expect((await loadError(dir, { maxParams: params - 1 })).message).toMatch(/the topology declares .* parameters, over the limit/);
    editJson(dir, (j) => void (j.weightsManifest[0].weights[0].shape = [3, 3, 1, 4e9]));
    expect((await loadError(dir)).message).toMatch(/the weightsManifest declares 3\.600e\+10 parameters/);
    // Without a cap the shape is still checked against the topology before any shard is read.
    expect(await loadError(dir, { maxParams: Infinity })).toBeInstanceOf(ShapeError);
  });

  test('load options are checked: unknown keys and bad values are errors', async () => {
    const dir = await saved();
    expect((await loadError(dir, { maxParam: 5 })).message).toBe("loadModel: unknown option 'maxParam'. Did you mean 'maxParams'?");
    expect((await loadError(dir, { maxParams: -1 })).message).toBe('loadModel: maxParams must be a positive integer (or Infinity), got -1');
    expect((await loadError(dir, { compile: 'yes' })).message).toBe('loadModel: compile must be a boolean, got "yes"');
  });
});

describe('shards are read only from inside the model directory', () => {
  test('a shard that is a symlink to a file outside is refused; one inside loads', async () => {
    const dir = await saved();
    const shard = readModelJson(dir).weightsManifest[0].paths[0];
    const outside = tempDir();
    renameSync(join(dir, shard), join(outside, 'stolen.bin'));
    symlinkSync(join(outside, 'stolen.bin'), join(dir, shard));
    const e = await loadError(dir);
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toContain(`weight shard '${shard}' listed in ${join(dir, 'model.json')} is a link to`);
    expect(e.message).toContain('outside the model directory');

    mkdirSync(join(dir, 'real'));
    renameSync(join(outside, 'stolen.bin'), join(dir, 'real', 'inside.bin'));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, shard));
    symlinkSync(join(dir, 'real', 'inside.bin'), join(dir, shard));
    expect((await loadModel(dir)).countParams()).toBe(convModel().countParams());
  });

  test('a model directory reached through a symlink still loads', async () => {
    const dir = await saved();
    const link = join(tempDir(), 'linked');
    symlinkSync(dir, link);
    const original = readFileSync(join(dir, 'model.json'), 'utf8');
    expect(original.length).toBeGreaterThan(0);
    expect((await loadModel(link)).countParams()).toBe(convModel().countParams());
  });
});
