import { Conv2D, Cropping2D, Dense, Flatten, Permute, Reshape, UpSampling2D, ZeroPadding2D, type Layer } from '@strata/layers';
import { Sequential } from '@strata/models';
import { cleanup, randomValues } from '../helpers';
import { expectOnnxMatchesPredict, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

function randomized(layers: Layer[], seed = 5): Sequential {
  const model = new Sequential({ layers });
  model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], seed * 100 + i, 0.5)));
  return model;
}

// Each layer alone (channels-last input) and after a convolution (NCHW flowing in); the operator
// forms that changed between opsets (Pad, Slice, Upsample / Resize) at each side of the change.
const conv = (inputShape: number[]): Conv2D => new Conv2D({ filters: 3, kernelSize: 2, inputShape });
const cases: [string, () => Layer[]][] = [
  ['Reshape with -1 (after a conv: back to NHWC order first)', () => [conv([5, 4, 2]), new Reshape([-1, 6]), new Dense({ units: 2 })]],
  ['Reshape of a flat input', () => [new Dense({ units: 12, inputShape: [5] }), new Reshape([2, 3, 2])]],
  ['Permute [3, 1, 2] after a conv', () => [conv([5, 4, 2]), new Permute([3, 1, 2]), new Flatten()]],
  ['ZeroPadding2D asymmetric', () => [new ZeroPadding2D({ padding: [[1, 0], [2, 3]], inputShape: [3, 4, 2] })]],
  ['ZeroPadding2D after a conv (NCHW)', () => [conv([4, 5, 2]), new ZeroPadding2D([1, 2])]],
  ['Cropping2D asymmetric', () => [new Cropping2D({ cropping: [[1, 0], [2, 1]], inputShape: [5, 6, 2] })]],
  ['Cropping2D after a conv (NCHW)', () => [conv([6, 6, 2]), new Cropping2D(1)]],
  ['UpSampling2D nearest [2, 3]', () => [new UpSampling2D({ size: [2, 3], inputShape: [3, 4, 2] })]],
  ['UpSampling2D bilinear [3, 2] (the last row and column repeat)', () => [new UpSampling2D({ size: [3, 2], interpolation: 'bilinear', inputShape: [3, 4, 5] })]],
  ['UpSampling2D bilinear after a conv', () => [conv([4, 4, 2]), new UpSampling2D({ interpolation: 'bilinear' })]],
];

describe('reshaping layers in onnxruntime match predict', () => {
  test.each(cases)('%s, opsets 9, 10, 11, 13, 21', async (_name, layers) => {
    for (const opset of [9, 10, 11, 13, 21]) await expectOnnxMatchesPredict(randomized(layers()), { opset });
  });
});
