import { promises as fs } from 'node:fs';
import { isAbsolute, join, resolve, sep, dirname } from 'node:path';
import { ValueError, type RngState } from '@strata/core';
import { checkContentHash, decodeWeights, type NamedWeight, type WeightsManifestGroup } from './weights_codec';

/**
 * Strata's own top-level field in model.json (TensorFlow.js and the converter ignore unknown
 * top-level fields): what exact resume needs beyond the Keras format.
 */
export interface StrataExtension {
  /**
   * The generator of each layer that draws random numbers in training (Dropout, the random image
   * layers), by layer name. The key keeps its first name so files written before still load.
   */
  dropoutRngStates?: Record<string, RngState>;
}

/** The parts of a TensorFlow.js `layers-model` model.json that Strata reads and writes. */
export interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightsManifestGroup[];
  trainingConfig?: Record<string, unknown> | null;
  strata?: StrataExtension;
}

function fail(msg: string): never {
  throw new ValueError(`loadModel: ${msg}`);
}

/** Resolves `model.json` from a directory or file path. */
export async function locateModelJson(path: string): Promise<{ dir: string; file: string }> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch {
    fail(`no model at '${path}' (expected a directory holding model.json, or a model.json path)`);
  }
  if (stat.isDirectory()) return { dir: path, file: join(path, 'model.json') };
  return { dir: dirname(path), file: path };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Parses and checks the structure of model.json before anything is built from it. */
export function parseModelJson(text: string, file: string): ModelJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`${file} is not valid JSON (${(e as Error).message}); the file may be truncated`);
  }
  if (!isObject(raw)) fail(`${file} must hold a JSON object`);
  const obj = raw;
  if (obj.format !== undefined && obj.format !== 'layers-model') fail(`${file} has format '${String(obj.format)}', expected 'layers-model'`);
  if (!isObject(obj.modelTopology)) fail(`${file} has no 'modelTopology' object`);
  if (obj.trainingConfig !== undefined && obj.trainingConfig !== null && !isObject(obj.trainingConfig)) fail(`${file}: 'trainingConfig' must be an object`);
  if (obj.strata !== undefined && !isObject(obj.strata)) fail(`${file}: 'strata' must be an object`);
  const manifest = obj.weightsManifest ?? [];
  if (!Array.isArray(manifest)) fail(`${file}: 'weightsManifest' must be an array`);
  const seen = new Set<string>();
  manifest.forEach((g: unknown, i) => {
    if (!isObject(g) || !Array.isArray(g.paths) || !g.paths.every((p) => typeof p === 'string')) fail(`${file}: weightsManifest[${i}].paths must be an array of strings`);
    if (!Array.isArray(g.weights)) fail(`${file}: weightsManifest[${i}].weights must be an array`);
    for (const w of g.weights as unknown[]) {
      if (!isObject(w) || typeof w.name !== 'string') fail(`${file}: weightsManifest[${i}] has a weight without a name`);
      if (seen.has(w.name)) fail(`${file}: weight '${w.name}' appears twice in the weightsManifest`);
      seen.add(w.name);
      if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`${file}: weight '${w.name}' has an invalid shape ${JSON.stringify(w.shape)}`);
      if (w.dtype !== undefined && w.dtype !== 'float32' && w.dtype !== 'int32') fail(`${file}: weight '${w.name}' has dtype '${String(w.dtype)}'; only float32 and int32 are supported`);
      if (w.quantization !== undefined) fail(`${file}: weight '${w.name}' is quantized; quantized weights are not supported`);
    }
  });
  return { ...obj, weightsManifest: manifest } as unknown as ModelJson;
}

/** A manifest path, resolved inside the model's directory; `../` and absolute paths are refused. */
export function safeShardPath(dir: string, p: string): string {
  if (p === '' || isAbsolute(p) || p.includes('\\') || p.split('/').some((s) => s === '..' || s === '')) {
    fail(`weightsManifest path '${p}' must be a plain relative path inside the model directory`);
  }
  const root = resolve(dir);
  const full = resolve(root, p);
  if (!full.startsWith(root + sep)) fail(`weightsManifest path '${p}' resolves outside the model directory`);
  return full;
}

/**
 * A shard's real path: `safeShardPath`, then every symlink resolved, and refused if the target
 * lies outside the model directory (itself resolved, so a linked model directory still works).
 */
async function realShardPath(dir: string, p: string, file: string): Promise<string> {
  const full = safeShardPath(dir, p);
  let real: string;
  let root: string;
  try {
    [real, root] = await Promise.all([fs.realpath(full), fs.realpath(dir)]);
  } catch {
    fail(`weight shard '${p}' listed in ${file} cannot be read (looked for ${full})`);
  }
  if (!real.startsWith(root + sep)) fail(`weight shard '${p}' listed in ${file} is a link to ${real}, outside the model directory`);
  return real;
}

/**
 * Reads every group's shards (in order), checks their byte counts, and decodes the weights.
 * Shard sizes are checked against the manifest before any shard is read.
 * `file` (the model.json) names the model in messages.
 */
export async function readWeights(dir: string, manifest: readonly WeightsManifestGroup[], file = join(dir, 'model.json')): Promise<NamedWeight[]> {
  const groups: { paths: string[]; sizes: number[] }[] = [];
  for (const group of manifest) {
    const paths: string[] = [];
    const sizes: number[] = [];
    for (const p of group.paths) {
      const real = await realShardPath(dir, p, file);
      const stat = await fs.stat(real);
      if (!stat.isFile()) fail(`weight shard '${p}' listed in ${file} is not a file`);
      paths.push(real);
      sizes.push(stat.size);
    }
    const expected = group.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== expected) fail(`${file}: weight shards ${group.paths.join(', ')} hold ${total} bytes but the manifest describes ${expected}`);
    groups.push({ paths, sizes });
  }
  const out: NamedWeight[] = [];
  for (const [i, group] of manifest.entries()) {
    const bytes = new Uint8Array(groups[i].sizes.reduce((a, b) => a + b, 0));
    let offset = 0;
    for (const [k, real] of groups[i].paths.entries()) {
      let b: Buffer;
      try {
        b = await fs.readFile(real);
      } catch {
        fail(`weight shard '${group.paths[k]}' listed in ${file} cannot be read (looked for ${real})`);
      }
      if (offset + b.length > bytes.length) fail(`${file}: weight shard '${group.paths[k]}' changed size while it was read`);
      bytes.set(b, offset);
      offset += b.length;
    }
    checkContentHash(group, bytes.subarray(0, offset), `loadModel: ${file}`);
    out.push(...decodeWeights({ ...group, weights: group.weights.map((w) => ({ ...w, dtype: w.dtype ?? 'float32' })) }, bytes.subarray(0, offset), `loadModel: ${file}`));
  }
  return out;
}
