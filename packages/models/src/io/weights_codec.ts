import { createHash } from 'node:crypto';
import { ValueError } from '@strata/core';

/** One entry of a weightsManifest group, as TensorFlow.js writes it. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  /** TensorFlow.js marks optimizer state with group 'optimizer'. */
  group?: string;
}

export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightSpec[];
}

export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
  /** Stored dtype (default float32); TensorFlow.js stores the optimizer's step count as int32. */
  dtype?: 'float32' | 'int32';
  group?: string;
}

/** TensorFlow.js's converter splits weights into 4 MiB shards. */
export const SHARD_BYTES = 4 * 1024 * 1024;

/**
 * Little-endian weights (float32, or int32 where `dtype` says so) concatenated in manifest
 * order, cut into shards. Shard names carry a content hash, so a new save never overwrites the
 * shards an older model.json uses.
 */
export function encodeWeights(weights: readonly NamedWeight[], shardBytes = SHARD_BYTES): { manifest: WeightsManifestGroup; shards: { name: string; data: Uint8Array }[] } {
  const total = weights.reduce((n, w) => n + w.values.length * 4, 0);
  const buffer = new Uint8Array(total);
  const view = new DataView(buffer.buffer);
  let offset = 0;
  for (const w of weights) {
    if (w.dtype === 'int32') for (let i = 0; i < w.values.length; i++, offset += 4) view.setInt32(offset, w.values[i], true);
    else for (let i = 0; i < w.values.length; i++, offset += 4) view.setFloat32(offset, w.values[i], true);
  }
  const count = Math.max(1, Math.ceil(total / shardBytes));
  const hash = contentHash(buffer);
  const shards = Array.from({ length: count }, (_, i) => ({
    name: `group1-shard${i + 1}of${count}.${hash}.bin`,
    data: buffer.subarray(i * shardBytes, Math.min(total, (i + 1) * shardBytes)),
  }));
  const specs: WeightSpec[] = weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype ?? 'float32', ...(w.group ? { group: w.group } : {}) }));
  return { manifest: { paths: shards.map((s) => s.name), weights: specs }, shards };
}

/** The shard names `encodeWeights` writes: `group1-shard2of3.<10 hex digits>.bin`. */
export const SHARD_NAME = /^group\d+-shard\d+of\d+\.([0-9a-f]{10})\.bin$/;

/** The content hash a shard name carries: the first 10 hex digits of the group's sha256. */
const contentHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

/**
 * Shards Strata wrote name the sha256 of their group's bytes: when every path of a group
 * carries the same hash, the bytes must match it, so a corrupted shard is refused instead of
 * loading altered weights. Files from other writers (other names) are not checked.
 */
export function checkContentHash(group: WeightsManifestGroup, bytes: Uint8Array, where: string): void {
  const hashes = new Set(group.paths.map((p) => SHARD_NAME.exec(p.split('/').pop() ?? '')?.[1] ?? null));
  if (hashes.size !== 1 || hashes.has(null)) return;
  const [named] = hashes;
  const actual = contentHash(bytes);
  if (actual !== named) {
    throw new ValueError(`${where}: weight shards ${group.paths.join(', ')} are corrupted: their bytes hash to ${actual}, but their names say ${named}`);
  }
}

/** Splits one group's concatenated shard bytes back into named weights, checking the byte count. */
export function decodeWeights(group: WeightsManifestGroup, bytes: Uint8Array, where: string): NamedWeight[] {
  const expected = group.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (bytes.length !== expected) {
    throw new ValueError(`${where}: weight shards ${group.paths.join(', ')} hold ${bytes.length} bytes but the manifest describes ${expected}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  return group.weights.map((spec) => {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    if (spec.dtype === 'int32') for (let i = 0; i < n; i++, offset += 4) values[i] = view.getInt32(offset, true);
    else for (let i = 0; i < n; i++, offset += 4) values[i] = view.getFloat32(offset, true);
    return { name: spec.name, shape: [...spec.shape], values, dtype: spec.dtype, group: spec.group };
  });
}
