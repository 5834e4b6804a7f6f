import { Conv2D, Cropping2D, Dense, Flatten, Permute, Reshape, UpSampling2D, ZeroPadding2D } from '@strata/layers';
import { cleanupOracleFiles, randomizeWeights, runTfjsOracle, tfjsReady } from '../helpers/tfjs_oracle';

beforeAll(tfjsReady);
afterAll(cleanupOracleFiles);
jest.setTimeout(60_000);

/** Each reshaping layer between trained layers, so SGD's gradients pass through it. */
describe('TensorFlow.js oracle: reshaping layers', () => {
  // TensorFlow.js leaves a -1 of Reshape unknown when building, so its Flatten would refuse the
  // model: the oracle gets explicit sizes (the layer tests and the ONNX tests cover -1).
  test('Dense -> Reshape -> Permute -> Conv2D -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [3, 5],
      strata: () => [new Dense(24, { inputShape: [5] }), new Reshape([4, 3, 2]), new Permute([2, 1, 3]), new Conv2D(2, 2), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.dense({ units: 24, inputShape: [5] }), tf.layers.reshape({ targetShape: [4, 3, 2] }), tf.layers.permute({ dims: [2, 1, 3] }),
        tf.layers.conv2d({ filters: 2, kernelSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 2),
    });
  });

  test('Conv2D -> ZeroPadding2D (asymmetric) -> Conv2D -> Cropping2D (asymmetric) -> Flatten -> Dense', async () => {
    await runTfjsOracle({
      inputShape: [2, 6, 5, 2],
      strata: () => [
        new Conv2D(3, 2, { inputShape: [6, 5, 2] }), new ZeroPadding2D([[1, 0], [2, 1]]), new Conv2D(2, 3, { activation: 'tanh' }),
        new Cropping2D([[1, 0], [0, 2]]), new Flatten(), new Dense(3),
      ],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 2, inputShape: [6, 5, 2] }), tf.layers.zeroPadding2d({ padding: [[1, 0], [2, 1]] }),
        tf.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'tanh' }), tf.layers.cropping2D({ cropping: [[1, 0], [0, 2]] }), tf.layers.flatten(), tf.layers.dense({ units: 3 }),
      ],
      prepare: (m) => randomizeWeights(m, 3),
    });
  });

  // TensorFlow.js 4.22's cpu gradients of these resizes are wrong outside narrower cases (its
  // resizeBilinear gradient swaps height and width, so only square images train; its nearest one
  // misplaces every image after the first, with several channels): the SGD steps run on one square
  // image, and predictions, files and the kernels' float64 oracles cover the rest.
  test.each(['nearest', 'bilinear'] as const)('Conv2D -> UpSampling2D (%s, [2, 3]) -> Conv2D -> Flatten -> Dense', async (interpolation) => {
    await runTfjsOracle({
      inputShape: [1, 4, 4, 2],
      strata: () => [
        new Conv2D(3, 2, { padding: 'same', inputShape: [4, 4, 2] }), new UpSampling2D([2, 3], { interpolation }), new Conv2D(2, 3, { strides: 2 }),
        new Flatten(), new Dense(2),
      ],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 2, padding: 'same', inputShape: [4, 4, 2] }), tf.layers.upSampling2d({ size: [2, 3], interpolation }),
        tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 4),
    });
  });

  test.each(['nearest', 'bilinear'] as const)('UpSampling2D (%s) on a batch of 3 non-square images: inference and files', async (interpolation) => {
    await runTfjsOracle({
      inputShape: [3, 3, 5, 2],
      strata: () => [new Conv2D(3, 2, { inputShape: [3, 5, 2] }), new UpSampling2D([3, 2], { interpolation }), new Flatten(), new Dense(2)],
      tfjs: (tf) => [
        tf.layers.conv2d({ filters: 3, kernelSize: 2, inputShape: [3, 5, 2] }), tf.layers.upSampling2d({ size: [3, 2], interpolation }), tf.layers.flatten(), tf.layers.dense({ units: 2 }),
      ],
      prepare: (m) => randomizeWeights(m, 5),
      sgdSteps: 0,
    });
  });
});
