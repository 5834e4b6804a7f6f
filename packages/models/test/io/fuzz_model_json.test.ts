// Seeded fuzzing of loadModel (issue 13): a few hundred one-place mutations of a valid saved
// model (keys dropped and duplicated, types swapped, numbers made huge, negative, fractional,
// NaN or infinite, strings made hostile, model.json and shards truncated or corrupted). Each
// must end in a StrataError or in a load whose weights are the saved ones bit for bit and that,
// unless the file changed the model's own config, predicts exactly as the original; never in
// another error, a hang, or a large allocation.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, mutateBytes, mutateJson, StrataError, tensor, type Mutation } from '@strata/core';
import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPooling2D } from '@strata/layers';
import { Adam, loadModel, Sequential } from '@strata/models';
import { cleanup, perturbBatchNorm, randomValues, readModelJson, tempDir } from './helpers';

afterAll(cleanup);

const CASES = 300;
const MAX_GROWTH_BYTES = 200e6;

function model(): Sequential {
  const m = new Sequential({
    name: 'fuzzed',
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', padding: 'same', inputShape: [6, 6, 2] }),
      new BatchNormalization(),
      new MaxPooling2D({ poolSize: 2 }),
      new Flatten(),
      new Dropout({ rate: 0.25, seed: 3 }),
      new Dense({ units: 5, activation: 'softmax' }),
    ],
  });
  perturbBatchNorm(m, 7);
  m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const bits = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

describe('loadModel under seeded model.json and shard mutations', () => {
  test(`${CASES} mutations: each a StrataError or a faithful load`, async () => {
    const original = model();
    const x = randomValues([3, 6, 6, 2], 'fuzz-x');
    await original.fit(x, tensor(Float32Array.from({ length: 15 }, (_, i) => (i % 5 === i % 3 ? 1 : 0)), [3, 5]), { epochs: 1, verbose: 0 });
    const source = tempDir();
    await original.save(source, { includeOptimizer: true });
    const json = readModelJson(source);
    const shards = json.weightsManifest.flatMap((g) => g.paths);
    const expected = { weights: original.getWeights().map((w) => bits(w.f32)), prediction: bits(original.predict(x).f32), config: JSON.stringify(original.getConfig()) };

    const rng = makeRng('fuzz-model-json');
    const outcomes: Record<string, number> = { error: 0, identical: 0, otherConfig: 0 };
    const baseline = process.memoryUsage().rss;
    let peak = 0;
    for (let i = 0; i < CASES; i++) {
      const dir = join(tempDir('strata-fuzz-'), 'model');
      mkdirSync(dir);
      let mutation: Mutation<unknown>;
      if (rng() < 0.15) {
        // Corrupt one shard; model.json stays valid.
        const shard = shards[Math.floor(rng() * shards.length)];
        for (const s of shards) if (s !== shard) copyFileSync(join(source, s), join(dir, s));
        mutation = mutateBytes(readFileSync(join(source, shard)), rng);
        writeFileSync(join(dir, shard), mutation.data as Uint8Array);
        writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
        mutation.what = `shard ${shard}: ${mutation.what}`;
      } else {
        for (const s of shards) copyFileSync(join(source, s), join(dir, s));
        mutation = mutateJson(json, rng);
        writeFileSync(join(dir, 'model.json'), mutation.data as string);
      }
      const label = `case ${i}: ${mutation.what}`;
      let loaded: Sequential | null = null;
      try {
        loaded = await loadModel(dir);
      } catch (e) {
        if (!(e instanceof StrataError)) throw new Error(`${label}: loadModel threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
        outcomes.error++;
      }
      if (loaded) {
        // Every weight is the saved one: a lying dtype, shape or order never loads garbage.
        expect({ label, weights: loaded.getWeights().map((w) => bits(w.f32)) }).toEqual({ label, weights: expected.weights });
        if (JSON.stringify(loaded.getConfig()) === expected.config) {
          expect({ label, prediction: bits(loaded.predict(x).f32) }).toEqual({ label, prediction: expected.prediction });
          outcomes.identical++;
        } else {
          // The file legitimately describes another model (a different epsilon, say): it must still run or refuse cleanly.
          try {
            loaded.predict(x);
          } catch (e) {
            if (!(e instanceof StrataError)) throw new Error(`${label}: predict threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
          }
          outcomes.otherConfig++;
        }
      }
      peak = Math.max(peak, process.memoryUsage().rss - baseline);
    }
    expect(peak).toBeLessThan(MAX_GROWTH_BYTES);
    // The mix stays meaningful: most mutations are refused, some are harmless.
    expect(outcomes.error).toBeGreaterThan(CASES / 2);
    expect(outcomes.identical).toBeGreaterThan(0);
  }, 120_000);
});
