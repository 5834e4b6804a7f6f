import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ShapeError, StrataError, ValueError } from '@strata/core';
import { Dense, supportedLayerClasses } from '@strata/layers';
import { Adam, loadModel, Sequential } from '@strata/models';
import { cleanup, denseModel, tempDir } from './helpers';

afterAll(cleanup);

interface Spec {
  name: string;
  shape: number[];
  dtype?: string;
  group?: string;
}
interface Files {
  json: { modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }; weightsManifest: { paths: string[]; weights: Spec[] }[]; trainingConfig?: Record<string, unknown> };
  bytes: Buffer;
}

/**
 * A saved Dense model ('in': 4 -> 3, 'out': 3 -> 2) rewritten as one `weights.bin`, then
 * changed by `edit`. Returns the model.json path.
 */
async function broken(edit: (f: Files) => void, includeOptimizer = false): Promise<string> {
  const dir = tempDir();
  const model = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4], name: 'in' }), new Dense({ units: 2, name: 'out' })] });
  model.compile({ optimizer: new Adam(), loss: 'mse' });
  await model.save(dir, { includeOptimizer });
  const file = join(dir, 'model.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Files['json'];
  const bytes = Buffer.concat(json.weightsManifest[0].paths.map((p) => readFileSync(join(dir, p))));
  for (const p of json.weightsManifest[0].paths) unlinkSync(join(dir, p));
  json.weightsManifest[0].paths = ['weights.bin'];
  const files: Files = { json, bytes };
  edit(files);
  writeFileSync(join(dir, 'weights.bin'), files.bytes);
  writeFileSync(file, JSON.stringify(files.json));
  return file;
}

/** Asserts the class and the exact message of loadModel's error. */
async function expectLoadError(path: string, Class: typeof StrataError, message: string): Promise<void> {
  const error = await loadModel(path).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Class);
  expect((error as Error).message).toBe(message);
}

const layers = (f: Files) => f.json.modelTopology.config.layers;
const specs = (f: Files) => f.json.weightsManifest[0].weights;

describe('loadModel validates the files before building anything', () => {
  test('a file that is not JSON, or is truncated', async () => {
    const file = await broken(() => undefined);
    writeFileSync(file, 'model goes here');
    const e1 = await loadModel(file).catch((e: Error) => e);
    expect(e1).toBeInstanceOf(ValueError);
    expect((e1 as Error).message).toMatch(new RegExp(`^loadModel: ${file} is not valid JSON \\(.+\\); the file may be truncated$`));
    const text = readFileSync(await broken(() => undefined), 'utf8');
    const cut = await broken(() => undefined);
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    await expect(loadModel(cut)).rejects.toThrow(/is not valid JSON \(.+\); the file may be truncated$/);
    writeFileSync(cut, '[1, 2]');
    await expectLoadError(cut, ValueError, `loadModel: ${cut} must hold a JSON object`);
  });

  test('an unknown layer class, listing the supported ones', async () => {
    const file = await broken((f) => void (layers(f)[1].class_name = 'LSTM'));
    await expectLoadError(file, ValueError, `loadModel: ${file}: layer 1 ('out') has class_name 'LSTM', which Strata does not support; supported: ${supportedLayerClasses().join(', ')}`);
    const proto = await broken((f) => void (layers(f)[0].class_name = 'constructor'));
    await expect(loadModel(proto)).rejects.toThrow(`layer 0 ('in') has class_name 'constructor', which Strata does not support`);
  });

  test('a model that is not Sequential, and layer configs Strata does not implement', async () => {
    const functional = await broken((f) => void ((f.json.modelTopology as { class_name: string }).class_name = 'Functional'));
    await expectLoadError(functional, ValueError, `loadModel: ${functional}: the model is a 'Functional'; only 'Sequential' models are supported`);
    const activity = await broken((f) => void (layers(f)[1].config.activity_regularizer = { class_name: 'L2', config: { l2: 0.1 } }));
    await expectLoadError(activity, ValueError, `loadModel: ${activity}: layer 1 ('out'): 'activity_regularizer' = {"class_name":"L2","config":{"l2":0.1}} is not supported by Strata`);
    const init = await broken((f) => void (layers(f)[0].config.kernel_initializer = { class_name: 'Orthogonal', config: { gain: 1 } }));
    await expect(loadModel(init)).rejects.toThrow(new RegExp(`^loadModel: ${init}: layer 0: Dense 'in': kernelInitializer: unknown initializer 'Orthogonal'`));
    const activation = await broken((f) => void (layers(f)[1].config.activation = 'gelu_new'));
    await expect(loadModel(activation)).rejects.toThrow(new RegExp(`^loadModel: ${activation}: layer 1: Dense 'out': unknown activation 'gelu_new'`));
    // A value of the wrong type that a layer constructor trips on is still a typed error naming the layer.
    const malformed = await broken((f) => void (layers(f)[0].config.batch_input_shape = 5));
    const error = await loadModel(malformed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toMatch(new RegExp(`^loadModel: ${malformed}: layer 0: `));
  });

  test('a weight missing from the manifest, or one the model does not have', async () => {
    const missing = await broken((f) => {
      specs(f).pop();
      f.bytes = f.bytes.subarray(0, f.bytes.length - 2 * 4);
    });
    await expectLoadError(missing, ValueError, `loadModel: ${missing}: the weightsManifest lacks 1 weight of the model: 'out/bias' (Dense 'out', shape [2])`);
    const extra = await broken((f) => {
      specs(f).push({ name: 'out/gamma', shape: [2], dtype: 'float32' });
      f.bytes = Buffer.concat([f.bytes, Buffer.alloc(8)]);
    });
    await expectLoadError(extra, ValueError, `loadModel: ${extra}: the weightsManifest has weight 'out/gamma', which matches no weight of the model (expected: in/kernel, in/bias, out/kernel, out/bias)`);
  });

  test('a weight whose shape does not match its layer', async () => {
    const file = await broken((f) => void (specs(f)[0].shape = [3, 4]));
    await expectLoadError(file, ShapeError, `loadModel: ${file}: weight 'in/kernel' has shape [3, 4] in the weightsManifest, but Dense 'in' expects [4, 3]`);
  });

  test('shards whose byte length does not match the manifest', async () => {
    const file = await broken((f) => void (f.bytes = f.bytes.subarray(0, f.bytes.length - 4)));
    await expectLoadError(file, ValueError, `loadModel: ${file}: weight shards weights.bin hold 88 bytes but the manifest describes 92`);
    const missing = await broken((f) => void (f.json.weightsManifest[0].paths = ['weights.bin', 'group1-shard2of2.bin']));
    await expectLoadError(missing, ValueError, `loadModel: weight shard 'group1-shard2of2.bin' listed in ${missing} cannot be read (looked for ${join(missing, '..', 'group1-shard2of2.bin')})`);
  });

  test('manifest paths outside the model directory are refused', async () => {
    for (const path of ['../weights.bin', 'sub/../../weights.bin', '/etc/passwd', join(tempDir(), 'weights.bin')]) {
      const file = await broken((f) => void (f.json.weightsManifest[0].paths = [path]));
      await expectLoadError(file, ValueError, `loadModel: weightsManifest path '${path}' must be a plain relative path inside the model directory`);
    }
  });

  test('manifest entries and training configs that cannot be used', async () => {
    const dup = await broken((f) => void specs(f).push({ ...specs(f)[0] }));
    await expectLoadError(dup, ValueError, `loadModel: ${dup}: weight 'in/kernel' appears twice in the weightsManifest`);
    const dtype = await broken((f) => void (specs(f)[0].dtype = 'float16'));
    await expectLoadError(dtype, ValueError, `loadModel: ${dtype}: weight 'in/kernel' has dtype 'float16'; only float32 and int32 are supported`);
    const optimizer = await broken((f) => void ((f.json.trainingConfig as { optimizer_config: { class_name: string } }).optimizer_config.class_name = 'Adagrad'), true);
    await expectLoadError(optimizer, ValueError, `loadModel: ${optimizer}: trainingConfig: optimizer_config Adagrad: deserializeOptimizer: unknown optimizer 'Adagrad'. Valid: sgd, adam, adamw, rmsprop. (load with { compile: false } to skip the training config)`);
    expect((await loadModel(optimizer, { compile: false })).layers).toHaveLength(2);
    const slot = await broken((f) => {
      specs(f).push({ name: 'gone/bias/m', shape: [2], dtype: 'float32', group: 'optimizer' });
      f.bytes = Buffer.concat([f.bytes, Buffer.alloc(8)]);
    }, true);
    await expectLoadError(slot, ValueError, `loadModel: ${slot}: optimizer weight 'gone/bias/m' names no trainable weight of the model (expected '<weight>/<slot>' with a weight among in/kernel, in/bias, out/kernel, out/bias)`);
  });

  test('no model at the path', async () => {
    const path = join(tempDir(), 'nothing-here');
    await expectLoadError(path, ValueError, `loadModel: no model at '${path}' (expected a directory holding model.json, or a model.json path)`);
  });
});
