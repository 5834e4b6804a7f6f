import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * The two directions TensorFlow.js's own file handler (tfjs-node's `file://`) covers, written
 * out here because `tf.io.fileSystem` needs tfjs-node: model.json holding
 * `weightsManifest: [{ paths: ['weights.bin'], weights }]` beside one weights.bin.
 */

/** Silences TensorFlow.js's "install tfjs-node" notice and selects its CPU backend. */
export async function tfjsReady(): Promise<void> {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
  await tf.ready();
}

/** `model.save(...)` in TensorFlow.js, laid out on disk as its file-system handler lays it out. */
export async function saveWithTfjs(model: tf.LayersModel, dir: string, includeOptimizer = false): Promise<void> {
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const json: Record<string, unknown> = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    };
    if (artifacts.trainingConfig) json.trainingConfig = artifacts.trainingConfig;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0))));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer });
}

/**
 * `tf.loadLayersModel` on a directory: model.json goes through TensorFlow.js's own parser
 * (`getModelArtifactsForJSON`, as its http and file loaders use it), and every group's shards
 * are read in order, as those loaders read them.
 */
export async function loadInTfjs(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const artifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
    const joined = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p)))));
    const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
    return [manifest.flatMap((g) => g.weights), weightData];
  });
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** Predictions of a TensorFlow.js model on values of `shape`. */
export function tfjsPredict(model: tf.LayersModel, values: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(values, shape)) as tf.Tensor).dataSync() as Float32Array);
}
