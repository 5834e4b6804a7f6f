import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { checkOptions, optionKeys, StrataError, ValueError, type RngState } from '@strata/core';
import { hasRngState } from '@strata/layers';
import type { CompiledConfig } from '../sequential/compile_config';
import type { TrainableModel } from '../sequential/model';
import { checkOutputPath, nodeFileSystem, sweepTempFiles, writeFileAtomically, type FileSystem } from './atomic_write';
import { localPath } from './local_path';
import { safeShardPath, type ModelJson, type StrataExtension } from './model_json';
import { optimizerWeights } from './optimizer_weights';
import { STRATA_VERSION } from './topology';
import { trainingConfigToJson } from './training_config';
import { encodeWeights, SHARD_NAME, type NamedWeight } from './weights_codec';

/** Options of `Sequential.save`. */
export interface SaveOptions {
  /**
   * Also save the compile settings (`trainingConfig`), the optimizer's state (weights in group
   * 'optimizer') and the generator of each random layer (Dropout, RandomFlip, ...), so training can resume exactly. Default false.
   */
  includeOptimizer?: boolean;
  /** The file-system calls to use (tests inject failures here). */
  fileSystem?: FileSystem;
}

/** Whether the compile settings can be written (a custom loss or metric function cannot). */
function isSerializable(compiled: CompiledConfig): boolean {
  try {
    trainingConfigToJson(compiled, '');
    return true;
  } catch {
    return false;
  }
}

/** model.json (weightsManifest still empty) and the weights to store, model weights first. */
function modelArtifacts(model: TrainableModel, includeOptimizer: boolean, who: string): { json: ModelJson; weights: NamedWeight[] } {
  const weights: NamedWeight[] = model.weights.map((v) => ({ name: v.name, shape: [...v.shape], values: Float32Array.from(v.dataSync()) }));
  const json: ModelJson = {
    format: 'layers-model',
    generatedBy: STRATA_VERSION,
    convertedBy: null,
    modelTopology: model.toJSON() as unknown as Record<string, unknown>,
    weightsManifest: [],
  };
  // The compile settings go in by default, as Keras's model.save, so the loaded model comes
  // back compiled; includeOptimizer adds the optimizer state and the random layers' generators.
  const compiled = model.getCompileConfig();
  if (includeOptimizer && !compiled) {
    throw new StrataError(`${who}: includeOptimizer needs a compiled model; call model.compile({ optimizer, loss, metrics }) before save()`);
  }
  if (compiled && (includeOptimizer || isSerializable(compiled))) {
    json.trainingConfig = trainingConfigToJson(compiled, who) as unknown as Record<string, unknown>;
  }
  if (includeOptimizer && compiled) {
    weights.push(...optimizerWeights(compiled.optimizer, model.trainableWeights));
    const dropoutRngStates: Record<string, RngState> = {};
    for (const layer of model.layers) if (hasRngState(layer)) dropoutRngStates[layer.name] = layer.getRngState();
    const strata: StrataExtension = { dropoutRngStates };
    json.strata = strata;
  }
  return { json, weights };
}

/** Shard paths the model.json currently in `dir` uses (none if it is missing or unreadable). */
async function currentShards(dir: string): Promise<Set<string>> {
  try {
    const old = JSON.parse(await fs.readFile(join(dir, 'model.json'), 'utf8')) as { weightsManifest?: { paths?: unknown[] }[] };
    const paths = (old.weightsManifest ?? []).flatMap((g) => g.paths ?? []).filter((p): p is string => typeof p === 'string');
    // Only plain names inside the directory are ever deleted.
    return new Set(paths.filter((p) => {
      try {
        safeShardPath(dir, p);
        return true;
      } catch {
        return false;
      }
    }));
  } catch {
    return new Set();
  }
}

/**
 * Saves `model` into directory `dir` in TensorFlow.js's layers-model format. The commit is
 * crash-safe: new shards are written under content-hashed names, then model.json is replaced
 * atomically (the commit point), and only then are the shards only the old model.json used
 * deleted. A failure at any step before the commit leaves the previous save loadable.
 */
export async function saveModel(model: TrainableModel, dir: string, options: SaveOptions = {}): Promise<void> {
  const who = `save: Sequential '${model.name}'`;
  checkOptions(options, optionKeys<SaveOptions>()({ includeOptimizer: true, fileSystem: true }), 'save');
  dir = localPath(dir, who);
  checkOutputPath(dir, who);
  if (!model.built) throw new ValueError(`${who} is not built, so it has no weights yet; give the first layer an inputShape, or call build(), fit() or predict() first`);
  const io = options.fileSystem ?? nodeFileSystem;
  const { json, weights } = modelArtifacts(model, options.includeOptimizer ?? false, who);
  const { manifest, shards } = encodeWeights(weights);
  json.weightsManifest = [manifest];
  const text = JSON.stringify(json);

  let target = dir;
  const old = await currentShards(dir);
  const written: string[] = [];
  try {
    await io.mkdir(dir);
    for (const shard of shards) {
      target = join(dir, shard.name);
      await writeFileAtomically(target, shard.data, io);
      written.push(shard.name);
    }
    target = join(dir, 'model.json');
    await writeFileAtomically(target, text, io);
  } catch (e) {
    // Not committed: the old model.json still rules. Remove what only this save wrote.
    for (const name of written) if (!old.has(name)) await io.unlink(join(dir, name)).catch(() => undefined);
    const err = new StrataError(`${who}: writing '${target}' failed (${(e as Error).message}); the previous save in '${dir}', if any, is intact`);
    err.cause = e;
    throw err;
  }
  const kept = new Set(manifest.paths);
  // Best effort: also sweep shards an earlier save failed to delete (only our content-hashed names).
  const orphans = await fs.readdir(dir).then((names) => names.filter((n) => SHARD_NAME.test(n)), () => [] as string[]);
  for (const name of new Set([...old, ...orphans])) if (!kept.has(name)) await io.unlink(join(dir, name)).catch(() => undefined);
  // And the temporary files of a save that was killed mid-write.
  await sweepTempFiles(dir, (name) => name === 'model.json' || SHARD_NAME.test(name), io);
}
