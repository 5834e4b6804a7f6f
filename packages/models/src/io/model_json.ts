import { promises as fs } from 'node:fs';
import { isAbsolute, join, resolve, sep, dirname, basename } from 'node:path';
import { ValueError } from '@strata/core';
import { decodeWeights, type NamedWeight, type WeightsManifestGroup } from './weights_codec';

/** The parts of a TensorFlow.js `layers-model` model.json that Strata reads and writes. */
export interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightsManifestGroup[];
  trainingConfig?: Record<string, unknown> | null;
  /** Strata's own extension: optimizer class, config and step count for exact resume. */
  strataOptimizer?: Record<string, unknown>;
}

function fail(where: string, msg: string): never {
  throw new ValueError(`${where}: ${msg}`);
}

/** Resolves `model.json` from a directory or file path. */
export async function locateModelJson(path: string): Promise<{ dir: string; file: string }> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch {
    fail('loadModel', `no model at '${path}' (expected a directory holding model.json, or a model.json path)`);
  }
  if (stat.isDirectory()) return { dir: path, file: join(path, 'model.json') };
  return { dir: dirname(path), file: path };
}

/** Parses and checks the structure of model.json before anything is built from it. */
export function parseModelJson(text: string, file: string): ModelJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`loadModel: ${basename(file)}`, `is not valid JSON (${(e as Error).message}); the file may be truncated`);
  }
  const where = `loadModel: ${basename(file)}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(where, 'expected a JSON object');
  const obj = raw as Record<string, unknown>;
  if (obj.format !== undefined && obj.format !== 'layers-model') fail(where, `format is '${String(obj.format)}', expected 'layers-model'`);
  const topology = obj.modelTopology;
  if (topology === null || typeof topology !== 'object' || Array.isArray(topology)) fail(where, "missing 'modelTopology' object");
  const manifest = obj.weightsManifest ?? [];
  if (!Array.isArray(manifest)) fail(where, "'weightsManifest' must be an array");
  manifest.forEach((g: unknown, i) => {
    const group = g as Record<string, unknown>;
    if (!group || !Array.isArray(group.paths) || !group.paths.every((p) => typeof p === 'string')) fail(where, `weightsManifest[${i}].paths must be an array of strings`);
    if (!Array.isArray(group.weights)) fail(where, `weightsManifest[${i}].weights must be an array`);
    for (const w of group.weights as Record<string, unknown>[]) {
      if (!w || typeof w.name !== 'string') fail(where, `weightsManifest[${i}] has a weight without a name`);
      if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) fail(where, `weight '${w.name}' has an invalid shape ${JSON.stringify(w.shape)}`);
      if (w.dtype !== undefined && w.dtype !== 'float32' && w.dtype !== 'int32') fail(where, `weight '${w.name}' has dtype '${String(w.dtype)}'; only float32 and int32 are supported`);
      if (w.quantization !== undefined) fail(where, `weight '${w.name}' is quantized; quantized weights are not supported`);
    }
  });
  return obj as unknown as ModelJson;
}

/** A manifest path, resolved inside the model's directory; `../` and absolute paths are refused. */
export function safeShardPath(dir: string, p: string): string {
  const where = 'loadModel: weightsManifest';
  if (p === '' || isAbsolute(p) || p.includes('\\') || p.split('/').some((s) => s === '..' || s === '')) {
    fail(where, `path '${p}' must be a plain relative path inside the model directory`);
  }
  const root = resolve(dir);
  const full = resolve(root, p);
  if (!full.startsWith(root + sep)) fail(where, `path '${p}' resolves outside the model directory`);
  return full;
}

/** Reads every group's shards (in order), checks their byte counts, and decodes the weights. */
export async function readWeights(dir: string, manifest: readonly WeightsManifestGroup[]): Promise<NamedWeight[]> {
  const out: NamedWeight[] = [];
  for (const group of manifest) {
    const buffers: Uint8Array[] = [];
    for (const p of group.paths) {
      const full = safeShardPath(dir, p);
      try {
        buffers.push(await fs.readFile(full));
      } catch {
        fail('loadModel', `weight shard '${p}' listed in the manifest cannot be read`);
      }
    }
    const total = buffers.reduce((n, b) => n + b.length, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const b of buffers) {
      bytes.set(b, offset);
      offset += b.length;
    }
    out.push(...decodeWeights({ ...group, weights: group.weights.map((w) => ({ ...w, dtype: w.dtype ?? 'float32' })) }, bytes, 'loadModel'));
  }
  return out;
}
