import { fill } from '@strata/core';
import {
  Activation, AveragePooling1D, AveragePooling2D, BatchNormalization, Conv1D, Conv2D, MaxPooling1D, Conv2DTranspose, Dense, DepthwiseConv2D, Dropout, Flatten, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, InputLayer, MaxPooling2D, SeparableConv2D, type Layer,
} from '@strata/layers';
import { join } from 'node:path';
import { exportOnnx, Sequential } from '@strata/models';
import { cleanup, perturbBatchNorm, randomValues, tempDir } from '../helpers';
import { expectOnnxMatchesPredict, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

/** Every weight random (biases too, so a dropped bias shows), BatchNormalization statistics non-trivial. */
function randomized(layers: Layer[], seed = 3): Sequential {
  const model = new Sequential({ layers });
  model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], seed * 100 + i, 0.5)));
  perturbBatchNorm(model, seed);
  return model;
}

const activations = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'softmax'] as const;

describe('Conv2D in onnxruntime matches predict', () => {
  test.each(activations)('activation %s (valid, stride 1, bias)', async (activation) => {
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 4, kernelSize: 3, activation, inputShape: [6, 7, 2] })]));
  });
  test.each([
    ['odd 7x9 input, same, stride 2, 4x4 kernel (pads 1 before, 2 after: the extra pixel at the end)', { kernelSize: 4, strides: 2, padding: 'same' }, [7, 9, 3]],
    ['odd 7x9 input, same, stride 2, 3x3 kernel', { kernelSize: 3, strides: 2, padding: 'same' }, [7, 9, 3]],
    ['even 8x10 input, same, stride 2, 3x3 kernel (pads 0 before, 1 after)', { kernelSize: 3, strides: 2, padding: 'same' }, [8, 10, 2]],
    ['same, stride 1, 2x2 kernel (pad only at the end)', { kernelSize: 2, padding: 'same' }, [5, 6, 2]],
    ['same, stride [2, 3], 3x5 kernel', { kernelSize: [3, 5], strides: [2, 3], padding: 'same' }, [9, 10, 2]],
    ['valid, strides [2, 1]', { kernelSize: 3, strides: [2, 1] }, [9, 7, 2]],
    ['dilation 2, same', { kernelSize: 3, dilationRate: 2, padding: 'same' }, [9, 8, 2]],
    ['dilation [2, 3], valid', { kernelSize: 3, dilationRate: [2, 3] }, [9, 10, 2]],
    ['no bias', { kernelSize: 3, useBias: false, activation: 'relu' }, [6, 6, 3]],
  ] as const)('%s', async (_name, options, inputShape) => {
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 5, ...options, inputShape: [...inputShape] })]));
  });
  test('a stack of convolutions and pools (one layout transpose in, one out)', async () => {
    await expectOnnxMatchesPredict(randomized([
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [11, 9, 1] }),
      new MaxPooling2D({ poolSize: 2, padding: 'same' }),
      new Conv2D({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'elu' }),
    ]));
  });
});

describe('MaxPooling2D in onnxruntime matches predict', () => {
  test.each([
    ['2x2, valid, drops the odd last row and column', { poolSize: 2 }, [7, 9, 3]],
    ['2x2, same, odd input (padded cells never win)', { poolSize: 2, padding: 'same' }, [7, 9, 3]],
    ['3x3, strides 2, valid', { poolSize: 3, strides: 2 }, [9, 8, 2]],
    ['3x3, strides 1, same', { poolSize: 3, strides: 1, padding: 'same' }, [5, 6, 2]],
    ['[2, 3], strides [1, 2], same', { poolSize: [2, 3], strides: [1, 2], padding: 'same' }, [6, 7, 2]],
  ] as const)('%s', async (_name, options, inputShape) => {
    await expectOnnxMatchesPredict(new Sequential({ layers: [new Activation({ activation: 'linear', inputShape: [...inputShape] }), new MaxPooling2D(options)] }));
    // All values about -5: a padded zero would win the max if padding cells were not ignored.
    const negative = new Sequential({ layers: [new Dense({ units: 3, inputShape: [...inputShape] }), new MaxPooling2D(options)] });
    negative.setWeights([randomValues([inputShape[2], 3], 5, 0.1), fill([3], -5)]);
    await expectOnnxMatchesPredict(negative);
  });
});

describe('AveragePooling2D in onnxruntime matches predict', () => {
  test.each([
    ['2x2, valid, drops the odd last row and column', { poolSize: 2 }, [7, 9, 3]],
    ['2x2, same, odd input (edge windows average their in-image pixels only)', { poolSize: 2, padding: 'same' }, [7, 9, 3]],
    ['3x3, strides 2, valid', { poolSize: 3, strides: 2 }, [9, 8, 2]],
    ['3x3, strides 1, same (partial windows on every edge)', { poolSize: 3, strides: 1, padding: 'same' }, [5, 6, 2]],
    ['4x4, strides 3, same (asymmetric pads: 1 before, 2 after)', { poolSize: 4, strides: 3, padding: 'same' }, [10, 11, 2]],
    ['[2, 3], strides [3, 2], same', { poolSize: [2, 3], strides: [3, 2], padding: 'same' }, [8, 7, 2]],
  ] as const)('%s', async (_name, options, inputShape) => {
    // All values about 5: a padded zero counted in a window would pull its average down.
    const model = new Sequential({ layers: [new Dense({ units: 3, inputShape: [...inputShape] }), new AveragePooling2D(options)] });
    model.setWeights([randomValues([inputShape[2], 3], 5, 0.1), fill([3], 5)]);
    await expectOnnxMatchesPredict(model);
  });
  test('between convolutions (stays in NCHW)', async () => {
    await expectOnnxMatchesPredict(randomized([
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [9, 7, 2] }),
      new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }),
      new Conv2D({ filters: 3, kernelSize: 2 }),
    ]));
  });
});

describe('Conv1D and the 1D pools in onnxruntime match predict', () => {
  test.each([
    ['valid, relu', { kernelSize: 3, activation: 'relu' }, [9, 2]],
    ['same, odd length, stride 2, kernel 4 (pads 1 before, 2 after)', { kernelSize: 4, strides: 2, padding: 'same' }, [9, 3]],
    ['causal, dilation 2 (left pad 4)', { kernelSize: 3, dilationRate: 2, padding: 'causal' }, [8, 2]],
    ['causal, stride 2, softmax over the filters', { kernelSize: 2, strides: 2, padding: 'causal', activation: 'softmax' }, [7, 2]],
    ['no bias, tanh', { kernelSize: 2, useBias: false, activation: 'tanh' }, [6, 3]],
  ] as const)('Conv1D %s', async (_name, options, inputShape) => {
    await expectOnnxMatchesPredict(randomized([new Conv1D({ filters: 4, ...options, inputShape: [...inputShape] })]));
  });
  test.each([
    ['valid, drops the odd last step', { poolSize: 2 }],
    ['same, odd length', { poolSize: 2, padding: 'same' }],
    ['3, strides 2, same (an edge window holds 2 steps)', { poolSize: 3, strides: 2, padding: 'same' }],
    ['2, strides 3 (skipped steps)', { poolSize: 2, strides: 3 }],
  ] as const)('MaxPooling1D and AveragePooling1D %s', async (_name, options) => {
    // Values about 5: a padded zero counted in an average, or winning a max, would show.
    for (const pool of [new MaxPooling1D(options), new AveragePooling1D(options)]) {
      const model = new Sequential({ layers: [new Dense({ units: 3, inputShape: [9, 2] }), pool] });
      model.setWeights([randomValues([2, 3], 5, 0.1), fill([3], 5)]);
      await expectOnnxMatchesPredict(model);
    }
  });
  test('Conv1D causal -> MaxPooling1D -> Conv1D -> GlobalAveragePooling1D -> Dense', async () => {
    await expectOnnxMatchesPredict(randomized([
      new Conv1D(4, 3, { padding: 'causal', activation: 'relu', inputShape: [12, 2] }), new MaxPooling1D(2),
      new Conv1D(3, 2, { padding: 'same', activation: 'elu' }), new GlobalAveragePooling1D(), new Dense({ units: 2 }),
    ]));
  });
});

describe('global pooling in onnxruntime matches predict', () => {
  test.each([
    ['GlobalAveragePooling2D', (keepdims: boolean) => new GlobalAveragePooling2D({ keepdims })],
    ['GlobalMaxPooling2D', (keepdims: boolean) => new GlobalMaxPooling2D({ keepdims })],
  ] as const)('%s after a convolution, then Dense (and with keepdims)', async (_name, make) => {
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 4, kernelSize: 3, inputShape: [7, 6, 2] }), make(false), new Dense({ units: 3 })]));
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 4, kernelSize: 3, inputShape: [7, 6, 2] }), make(true)]));
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 4, kernelSize: 3, inputShape: [7, 6, 2] }), make(true), new Flatten()]));
  });
  test.each([
    ['GlobalAveragePooling1D', (keepdims: boolean) => new GlobalAveragePooling1D({ keepdims })],
    ['GlobalMaxPooling1D', (keepdims: boolean) => new GlobalMaxPooling1D({ keepdims })],
  ] as const)('%s on a sequence (and with keepdims, then Dense on the last axis)', async (_name, make) => {
    await expectOnnxMatchesPredict(randomized([new Dense({ units: 4, inputShape: [5, 3] }), make(false)]));
    await expectOnnxMatchesPredict(randomized([new Dense({ units: 4, inputShape: [5, 3] }), make(true), new Dense({ units: 2 })]));
  });
});

describe('Dense in onnxruntime matches predict', () => {
  test.each(activations)('rank 2, activation %s', async (activation) => {
    await expectOnnxMatchesPredict(randomized([new Dense({ units: 6, activation, inputShape: [5] })]));
  });
  test('rank 2 without bias', async () => {
    await expectOnnxMatchesPredict(randomized([new Dense({ units: 6, useBias: false, inputShape: [5] })]));
  });
  test('rank 3, with and without bias (MatMul + Add on the last axis)', async () => {
    await expectOnnxMatchesPredict(randomized([new Dense({ units: 4, activation: 'softmax', inputShape: [3, 5] }), new Dense({ units: 2, useBias: false })]));
  });
  test('rank 4 after a convolution (back to channels-last first)', async () => {
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 3, kernelSize: 2, inputShape: [5, 4, 2] }), new Dense({ units: 4, activation: 'tanh' })]));
  });
});

describe('Flatten keeps Keras order (h, w, c)', () => {
  test('Dense after Flatten of a non-square 5x3x4 feature map (the layout trap)', async () => {
    await expectOnnxMatchesPredict(randomized([
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', inputShape: [10, 6, 2] }),
      new MaxPooling2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 7, activation: 'softmax' }),
    ]));
  });
  test('Flatten of a rank-3 input', async () => {
    await expectOnnxMatchesPredict(randomized([new Flatten({ inputShape: [3, 4] }), new Dense({ units: 2 })]));
  });
});

describe('BatchNormalization in inference form', () => {
  test.each([
    ['axis -1 after a convolution (channels)', { axis: -1 }],
    ['axis 1 (height)', { axis: 1 }],
    ['axis 2 (width)', { axis: 2 }],
    ['axis 3 with epsilon 0.5', { axis: 3, epsilon: 0.5 }],
    ['center false', { center: false }],
    ['scale false', { scale: false }],
  ] as const)('rank 4, %s', async (_name, options) => {
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 3, kernelSize: 2, inputShape: [6, 5, 2] }), new BatchNormalization(options)]));
  });
  test('rank 4 on the raw input (channels-last, no convolution before it)', async () => {
    await expectOnnxMatchesPredict(randomized([new BatchNormalization({ inputShape: [4, 5, 3] }), new Flatten()]));
  });
  test('rank 2 and rank 3 (axis 1 and -1)', async () => {
    await expectOnnxMatchesPredict(randomized([new BatchNormalization({ epsilon: 1e-2, inputShape: [6] })]));
    await expectOnnxMatchesPredict(randomized([new BatchNormalization({ axis: 1, inputShape: [3, 4] }), new BatchNormalization({ axis: -1 })]));
  });
});

describe('Activation, Dropout, InputLayer', () => {
  test.each(activations)('Activation %s on a convolution output (softmax on the channels)', async (activation) => {
    await expectOnnxMatchesPredict(randomized([new Conv2D({ filters: 3, kernelSize: 2, inputShape: [4, 5, 2] }), new Activation({ activation })]));
  });
  test('Dropout is the identity at inference', async () => {
    await expectOnnxMatchesPredict(randomized([new Dense({ units: 5, inputShape: [4] }), new Dropout({ rate: 0.5 }), new Dense({ units: 2 })]));
    await expectOnnxMatchesPredict(new Sequential({ layers: [new Dropout({ rate: 0.3, inputShape: [3] })] }));
  });
  test('an InputLayer names the graph input', async () => {
    const model = randomized([new InputLayer({ inputShape: [4, 4, 1], name: 'pixels' }), new Conv2D({ filters: 2, kernelSize: 3 })]);
    await expectOnnxMatchesPredict(model);
  });
});

describe('DepthwiseConv2D (Conv with one group per channel) in onnxruntime matches predict', () => {
  test.each([
    ['valid, 3 channels, relu', { kernelSize: 3, activation: 'relu' }, [6, 7, 3]],
    ['odd 7x9 input, same, stride 2, 4x4 kernel, depthMultiplier 2', { kernelSize: 4, strides: 2, padding: 'same', depthMultiplier: 2 }, [7, 9, 3]],
    ['same, [3, 2] kernel, depthMultiplier 3, no bias, tanh', { kernelSize: [3, 2], padding: 'same', depthMultiplier: 3, useBias: false, activation: 'tanh' }, [5, 6, 2]],
    ['dilation 2, same', { kernelSize: 3, dilationRate: 2, padding: 'same' }, [9, 8, 4]],
  ] as const)('%s', async (_name, options, inputShape) => {
    await expectOnnxMatchesPredict(randomized([new DepthwiseConv2D({ ...options, inputShape: [...inputShape] })]));
  });
});

describe('SeparableConv2D (two Convs) in onnxruntime matches predict', () => {
  test.each([
    ['valid, relu', { kernelSize: 3, activation: 'relu' }, [6, 7, 3]],
    ['same, stride 2, depthMultiplier 2, odd input', { kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 }, [7, 9, 3]],
    ['dilation 2, no bias, softmax', { kernelSize: [2, 3], dilationRate: 2, useBias: false, activation: 'softmax' }, [8, 9, 2]],
  ] as const)('%s', async (_name, options, inputShape) => {
    await expectOnnxMatchesPredict(randomized([new SeparableConv2D({ filters: 5, ...options, inputShape: [...inputShape] })]));
  });
  test('after a Conv2D, before a Dense (layouts stay NCHW between the convolutions)', async () => {
    await expectOnnxMatchesPredict(randomized([
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', inputShape: [8, 7, 2] }),
      new SeparableConv2D(6, 3, { strides: 2, padding: 'same', activation: 'elu' }),
      new DepthwiseConv2D(2, { depthMultiplier: 2 }), new Flatten(), new Dense({ units: 3 }),
    ]));
  });
});

describe('Conv2DTranspose (ConvTranspose with explicit pads) in onnxruntime matches predict', () => {
  test.each([
    ['valid, stride 1, relu', { kernelSize: 3, activation: 'relu' }, [4, 5, 3]],
    ['valid, stride 2, odd input', { kernelSize: 3, strides: 2 }, [5, 3, 2]],
    ['same, stride 2, 3x3 kernel (the odd padding pixel)', { kernelSize: 3, strides: 2, padding: 'same' }, [3, 4, 2]],
    ['same, stride 2, 4x4 kernel', { kernelSize: 4, strides: 2, padding: 'same' }, [3, 4, 2]],
    ['same, stride [2, 3], 3x2 kernel, no bias, tanh', { kernelSize: [3, 2], strides: [2, 3], padding: 'same', useBias: false, activation: 'tanh' }, [3, 3, 2]],
    ['valid, kernel below the stride (rows past the full output)', { kernelSize: 2, strides: 3 }, [3, 4, 2]],
    ['same, stride 2, outputPadding 1 and [1, 0]', { kernelSize: 3, strides: 2, padding: 'same', outputPadding: [1, 0] }, [3, 4, 2]],
    ['valid, stride 3, outputPadding 2', { kernelSize: 3, strides: 3, outputPadding: 2 }, [2, 3, 2]],
    ['dilation 2, same', { kernelSize: 3, dilationRate: 2, padding: 'same' }, [4, 5, 2]],
  ] as const)('%s', async (_name, options, inputShape) => {
    await expectOnnxMatchesPredict(randomized([new Conv2DTranspose({ filters: 3, ...options, inputShape: [...inputShape] })]));
  });
  test('an encoder-decoder: Conv2D down, Conv2DTranspose up', async () => {
    await expectOnnxMatchesPredict(randomized([
      new Conv2D({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [9, 8, 2] }),
      new Conv2DTranspose(2, 3, { strides: 2, padding: 'same', activation: 'sigmoid' }),
    ]));
  });
  test('is refused by name when the input height or width is unknown (its pads depend on them)', async () => {
    const model = new Sequential({ layers: [new Conv2DTranspose(2, 3, { strides: 2, padding: 'same', inputShape: [null, 5, 2] as never, name: 'up' })] });
    await expect(exportOnnx(model, join(tempDir('strata-onnx-'), 'm.onnx'))).rejects.toThrow(
      /layer Conv2DTranspose 'up': a Conv2DTranspose exports only with a known input height and width/,
    );
  });
});
