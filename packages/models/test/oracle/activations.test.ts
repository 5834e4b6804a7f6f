import type * as tfjs from '@tensorflow/tfjs';
import {
  Activation, Conv2D, Dense, ELU, Flatten, LeakyReLU, maxNorm, minMaxNorm, nonNeg, PReLU, ReLU, Softmax, unitNorm, type ActivationIdentifier,
} from '@strata/layers';
import { loadModel, Sequential } from '@strata/models';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';
import { randomValues, tempDir } from '../io/helpers';
import { loadInTfjs, saveWithTfjs, tfjsPredict } from '../io/tfjs_files';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);
type TF = typeof tfjs;

// Strata's name -> TensorFlow.js's, for the strings both have with the same formula.
const SHARED: Array<[ActivationIdentifier, string]> = [
  ['relu6', 'relu6'], ['selu', 'selu'], ['gelu', 'gelu'], ['swish', 'swish'], ['mish', 'mish'],
  ['softplus', 'softplus'], ['softsign', 'softsign'], ['log_softmax', 'logSoftmax'], ['elu', 'elu'],
];

/** Activation strings against TensorFlow.js: inference, SGD training, and files both ways. */
describe('TensorFlow.js oracle: Keras 3 activation strings', () => {
  test.each(SHARED)('Dense(%s) -> Activation(%s)', async (ours, theirs) => {
    await runTfjsOracle({
      inputShape: [4, 5],
      strata: () => [new Dense(6, { activation: ours, inputShape: [5] }), new Dense(3), new Activation(ours)],
      tfjs: (tf) => [
        tf.layers.dense({ units: 6, activation: theirs as never, inputShape: [5] }), tf.layers.dense({ units: 3 }), tf.layers.activation({ activation: theirs as never }),
      ],
      // Pre-activations of a few units: past relu6's cap and into the tails.
      prepare: (m) => randomizeWeights(m, 2, 6),
    });
  });

  test.each(SHARED)('Conv2D(%s)', async (ours, theirs) => {
    await runTfjsOracle({
      inputShape: [2, 5, 4, 2],
      strata: () => [new Conv2D(3, 2, { activation: ours, inputShape: [5, 4, 2] })],
      tfjs: (tf) => [tf.layers.conv2d({ filters: 3, kernelSize: 2, activation: theirs as never, inputShape: [5, 4, 2] })],
      prepare: (m) => randomizeWeights(m, 3, 4),
    });
  });
});

describe('strings TensorFlow.js lacks or means differently', () => {
  test.each(['leaky_relu', 'hard_sigmoid', 'hard_silu', 'exponential'] as ActivationIdentifier[])('%s: saved by Strata, loaded by Strata, same predictions', async (activation) => {
    const model = new Sequential({ layers: [new Dense(4, { activation, inputShape: [3] })] });
    model.setWeights([randomValues([3, 4], 1, 3), randomValues([4], 2)]);
    const dir = tempDir();
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect((loaded.layers[0] as Dense).activation).toBe(activation);
    const x = randomValues([5, 3], 3);
    expect(Array.from(loaded.predict(x).f32)).toEqual(Array.from(model.predict(x).f32));
  });

  test('TensorFlow.js refuses what it lacks by name', async () => {
    const model = new Sequential({ layers: [new Dense(2, { activation: 'leaky_relu', inputShape: [3] })] });
    const dir = tempDir();
    await model.save(dir);
    await expect(loadInTfjs(dir)).rejects.toThrow(/leakyRelu/);
  });

  test("TensorFlow.js's hard_sigmoid (clip(0.2 x + 0.5)) is refused by Strata rather than loaded with Keras 3's formula", async () => {
    const tf = await import('@tensorflow/tfjs');
    const theirs = tf.sequential({ layers: [tf.layers.dense({ units: 2, activation: 'hardSigmoid', inputShape: [3] })] });
    const dir = tempDir();
    await saveWithTfjs(theirs, dir);
    await expect(loadModel(dir)).rejects.toThrow(/activation 'hard_sigmoid' in a file written by 'tfjs-layers 4\.22\.0' means clip\(0\.2 x \+ 0\.5, 0, 1\)/);
  });

  test("a Strata file's hard_sigmoid is Keras 3's; TensorFlow.js reads the same name as its own formula (documented)", async () => {
    const model = new Sequential({ layers: [new Dense(4, { activation: 'hard_sigmoid', inputShape: [3] })] });
    model.setWeights([randomValues([3, 4], 4, 2), randomValues([4], 5)]);
    const dir = tempDir();
    await model.save(dir);
    const x = randomValues([6, 3], 6);
    const inTfjs = tfjsPredict(await loadInTfjs(dir), x.values as Float32Array, [6, 3]);
    const ours = model.predict(x).f32;
    const pre = new Sequential({ layers: [new Dense(4, { inputShape: [3] })] });
    pre.setWeights(model.getWeights());
    const z = pre.predict(x).f32;
    z.forEach((v, i) => {
      expect(ours[i]).toBeCloseTo(Math.min(1, Math.max(0, v / 6 + 0.5)), 6);
      expect(inTfjs[i]).toBeCloseTo(Math.min(1, Math.max(0, 0.2 * v + 0.5)), 6);
    });
  });
});

/** The activation layers against TensorFlow.js (with only the options TensorFlow.js has). */
describe('TensorFlow.js oracle: activation layers', () => {
  test.each([
    ['ReLU()', () => new ReLU(), (tf: TF) => tf.layers.reLU()],
    ['ReLU(maxValue 0.4)', () => new ReLU(0.4), (tf: TF) => tf.layers.reLU({ maxValue: 0.4 })],
    ['LeakyReLU() (default 0.3)', () => new LeakyReLU(), (tf: TF) => tf.layers.leakyReLU()],
    ['LeakyReLU(0.05)', () => new LeakyReLU(0.05), (tf: TF) => tf.layers.leakyReLU({ alpha: 0.05 })],
    ['ELU()', () => new ELU(), (tf: TF) => tf.layers.elu()],
    ['Softmax(-1)', () => new Softmax(-1), (tf: TF) => tf.layers.softmax({ axis: -1 })],
    ['PReLU()', () => new PReLU(), (tf: TF) => tf.layers.prelu()],
  ] as const)('Dense -> %s -> Dense', async (_name, ours, theirs) => {
    await runTfjsOracle({
      inputShape: [4, 5],
      strata: () => [new Dense(6, { inputShape: [5] }), ours(), new Dense(3)],
      tfjs: (tf) => [tf.layers.dense({ units: 6, inputShape: [5] }), theirs(tf), tf.layers.dense({ units: 3 })],
      // PReLU's zero alphas would hide a wrong slope: every weight random, alphas included.
      prepare: (m) => randomizeWeights(m, 5, 2),
    });
  });

  test.each([
    ['PReLU(sharedAxes [1, 2])', () => new PReLU({ sharedAxes: [1, 2] }), (tf: TF) => tf.layers.prelu({ sharedAxes: [1, 2] })],
    ['PReLU() per unit', () => new PReLU(), (tf: TF) => tf.layers.prelu()],
    // TensorFlow.js's softmax runs only on the last axis; Softmax(1) is checked in onnxruntime (io/onnx/activations.test.ts).
    ['Softmax(-1) over channels', () => new Softmax(), (tf: TF) => tf.layers.softmax({ axis: -1 })],
    ['LeakyReLU(0.2)', () => new LeakyReLU(0.2), (tf: TF) => tf.layers.leakyReLU({ alpha: 0.2 })],
  ] as const)('Conv2D -> %s', async (_name, ours, theirs) => {
    await runTfjsOracle({
      inputShape: [2, 5, 4, 2],
      strata: () => [new Conv2D(3, 2, { inputShape: [5, 4, 2] }), ours()],
      tfjs: (tf) => [tf.layers.conv2d({ filters: 3, kernelSize: 2, inputShape: [5, 4, 2] }), theirs(tf)],
      prepare: (m) => randomizeWeights(m, 6, 2),
    });
  });

  test("Keras 3's ReLU options and ELU(alpha != 1), which TensorFlow.js lacks: saved and loaded in Strata", async () => {
    const model = new Sequential({ layers: [new Dense(4, { inputShape: [3] }), new ReLU({ maxValue: 1, negativeSlope: 0.1, threshold: 0.2 }), new ELU(0.5)] });
    model.setWeights([randomValues([3, 4], 7, 2), randomValues([4], 8)]);
    const dir = tempDir();
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.layers[1].getConfig()).toMatchObject({ maxValue: 1, negativeSlope: 0.1, threshold: 0.2 });
    const x = randomValues([5, 3], 9);
    expect(Array.from(loaded.predict(x).f32)).toEqual(Array.from(model.predict(x).f32));
    // TensorFlow.js's ELU refuses alpha != 1 by name.
    await expect(loadInTfjs(dir)).rejects.toThrow(/Non-default alpha value \(0\.5\)/);
  });
});

describe('TensorFlow.js oracle: constraints', () => {
  // TensorFlow.js keeps the constraints in the model but does not apply them while training (its
  // optimizers write the variables directly), so the SGD steps cannot be compared; Strata applies
  // them as Keras does (checked in optimizers/constraints.test.ts). TensorFlow.js also projects
  // weights as it sets them (so a loaded file's are re-projected; Keras and Strata set them as
  // given): the case uses projections that change nothing the second time (rate 1). Inference and
  // files both ways:
  test('Dense and Conv2D with every constraint, PReLU with alphaConstraint', async () => {
    await runTfjsOracle({
      inputShape: [2, 4, 4, 2],
      strata: () => [
        new Conv2D(3, 2, { inputShape: [4, 4, 2], kernelConstraint: maxNorm({ maxValue: 1.5, axis: [0, 1, 2] }), biasConstraint: 'non_neg' }),
        new PReLU({ alphaConstraint: nonNeg(), sharedAxes: [1, 2] }), new Flatten(),
        new Dense(4, { kernelConstraint: minMaxNorm({ minValue: 0.2, maxValue: 0.9 }), biasConstraint: unitNorm() }),
      ],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 2, inputShape: [4, 4, 2], kernelConstraint: tf.constraints.maxNorm({ maxValue: 1.5, axis: [0, 1, 2] as never }), biasConstraint: 'nonNeg' }),
        tf.layers.prelu({ alphaConstraint: tf.constraints.nonNeg(), sharedAxes: [1, 2] }), tf.layers.flatten(),
        tf.layers.dense({ units: 4, kernelConstraint: tf.constraints.minMaxNorm({ minValue: 0.2, maxValue: 0.9, rate: 1, axis: 0 }), biasConstraint: tf.constraints.unitNorm({ axis: 0 }) }),
      ],
      prepare: (m) => randomizeWeights(m, 8, 2),
      sgdSteps: 0,
    });
  });
});
