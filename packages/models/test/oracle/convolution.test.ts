import { closenessMismatches } from '@strata/core';
import { Conv2D, Conv2DTranspose, Dense, DepthwiseConv2D, Flatten, SeparableConv2D } from '@strata/layers';
import { loadModel, Sequential } from '@strata/models';
import { randomValues, tempDir } from '../io/helpers';
import * as tf from '@tensorflow/tfjs';
import { loadInTfjs, saveWithTfjs, tfjsPredict } from '../io/tfjs_files';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);

/**
 * The convolution layers of issue 16 against TensorFlow.js 4.22: inference, SGD training and files
 * both ways. (TensorFlow.js's DepthwiseConv2D ignores dilationRate in its forward pass, so no case
 * dilates it; the kernel tests check dilation against TensorFlow.js's depthwiseConv2d op.)
 */
describe('TensorFlow.js oracle: convolution layers', () => {
  test('DepthwiseConv2D (same, strides 2, depthMultiplier 2, relu) -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 9, 7, 3],
      strata: () => [
        new DepthwiseConv2D(3, { strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu', inputShape: [9, 7, 3] }),
        new Flatten(), new Dense(2),
      ],
      tfjs: (tf) => [
        tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu', inputShape: [9, 7, 3] }),
        tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 2),
    });
  });

  // SeparableConv2D keeps depthMultiplier 1 here: TensorFlow.js 4.22 leaves depth_multiplier out of
  // the file it writes, so its own file of a depthMultiplier-2 layer reloads (in TensorFlow.js too)
  // with the wrong kernel shape. The Strata-to-TensorFlow.js direction is checked below.
  test('DepthwiseConv2D (valid, [3, 2] kernel, tanh, no bias) -> SeparableConv2D (same, strides 2, relu) -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [2, 10, 9, 5],
      strata: () => [
        new DepthwiseConv2D([3, 2], { activation: 'tanh', useBias: false, inputShape: [10, 9, 5] }),
        new SeparableConv2D(4, 3, { strides: 2, padding: 'same', activation: 'relu' }),
        new Flatten(), new Dense(3),
      ],
      tfjs: (tf) => [
        tf.layers.depthwiseConv2d({ kernelSize: [3, 2], activation: 'tanh', useBias: false, inputShape: [10, 9, 5] }),
        tf.layers.separableConv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tf.layers.flatten(), tf.layers.dense({ units: 3 }),
      ],
      prepare: (m) => randomizeWeights(m, 3),
    });
  });

  // TensorFlow.js has no gradient for a dilated depthwise conv: inference and files only.
  test('SeparableConv2D (valid, dilation 2, sigmoid) -> Flatten -> Dense, inference', async () => {
    await runTfjsOracle({
      inputShape: [2, 8, 9, 3],
      strata: () => [new SeparableConv2D(5, [2, 3], { dilationRate: 2, activation: 'sigmoid', inputShape: [8, 9, 3] }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.separableConv2d({ filters: 5, kernelSize: [2, 3], dilationRate: 2, activation: 'sigmoid', inputShape: [8, 9, 3] }),
        tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 4),
      sgdSteps: 0,
    });
  });

  test('SeparableConv2D with depthMultiplier 2, saved by Strata, loads and predicts the same in TensorFlow.js', async () => {
    const model = new Sequential({ layers: [new SeparableConv2D(3, 3, { depthMultiplier: 2, padding: 'same', biasInitializer: 'randomNormal', inputShape: [6, 5, 4] })] });
    const x = randomValues([2, 6, 5, 4], 'sep-dm2');
    const dir = tempDir('strata-oracle-');
    await model.save(dir);
    const inTfjs = await loadInTfjs(dir);
    expect(inTfjs.layers[0].getWeights()[0].shape).toEqual([3, 3, 4, 2]);
    const misses = closenessMismatches(tfjsPredict(inTfjs, x.values as Float32Array, [2, 6, 5, 4]), model.predict(x).values as Float32Array, { rtol: 1e-4, atol: 1e-5 });
    expect(misses).toEqual([]);
  });

  // TensorFlow.js 4.22's Conv2DTranspose has neither outputPadding nor dilationRate: those are
  // checked against its conv2dTranspose op (core) and in onnxruntime.
  test('Conv2D (same, strides 2) -> Conv2DTranspose (same, strides 2, relu) -> Conv2DTranspose (valid, [3, 2] kernel) -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [2, 7, 6, 2],
      strata: () => [
        new Conv2D(3, 3, { strides: 2, padding: 'same', inputShape: [7, 6, 2] }),
        new Conv2DTranspose(4, 3, { strides: 2, padding: 'same', activation: 'relu' }),
        new Conv2DTranspose(2, [3, 2], { activation: 'tanh' }),
        new Flatten(), new Dense(2),
      ],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', inputShape: [7, 6, 2] }),
        tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tf.layers.conv2dTranspose({ filters: 2, kernelSize: [3, 2], activation: 'tanh' }),
        tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 5),
    });
  });

  test('Conv2DTranspose (valid, strides [2, 3], a kernel below the stride; same, 4x4 kernel, strides 2) -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 3, 4, 2],
      strata: () => [
        new Conv2DTranspose(3, 2, { strides: [2, 3], inputShape: [3, 4, 2] }),
        new Conv2DTranspose(2, 4, { strides: 2, padding: 'same', activation: 'sigmoid' }),
        new Flatten(), new Dense(2),
      ],
      tfjs: (tf) => [
        tf.layers.conv2dTranspose({ filters: 3, kernelSize: 2, strides: [2, 3], inputShape: [3, 4, 2] }),
        tf.layers.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 2, padding: 'same', activation: 'sigmoid' }),
        tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 6),
    });
  });

  test("TensorFlow.js's DepthwiseConv2D file with a depthwise regularizer (written under depthwise_constraint, its bug) is refused by name", async () => {
    const model = tf.sequential({ layers: [tf.layers.depthwiseConv2d({ kernelSize: 2, depthwiseRegularizer: 'l1l2', inputShape: [4, 4, 2] })] });
    const dir = tempDir('tfjs-oracle-');
    await saveWithTfjs(model, dir);
    await expect(loadModel(dir)).rejects.toThrow(/depthwiseConstraint: unknown constraint 'L1L2'/);
  });
});
