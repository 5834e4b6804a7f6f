import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchNormalization, Conv2D, Dense, deserializeLayer, Dropout, Flatten, MaxPooling2D, supportedLayerClasses } from '@strata/layers';
import { exportOnnx, Sequential } from '@strata/models';
import { closenessMismatches } from '@strata/core';
import { decodeOnnxModel, type OnnxModel } from '../../../src/io/onnx/onnx_proto';
import { cleanup, perturbBatchNorm, randomValues, tempDir } from '../helpers';
import { expectOnnxMatchesPredict, runOnnx, stopOnnxRunner } from './run_onnx';

afterAll(() => {
  stopOnnxRunner();
  cleanup();
});

async function exported(model: Sequential, options?: { opset?: number }): Promise<{ file: string; onnx: OnnxModel }> {
  const file = join(tempDir('strata-onnx-'), 'model.onnx');
  await exportOnnx(model, file, options);
  return { file, onnx: decodeOnnxModel(readFileSync(file)) };
}

function mixedModel(): Sequential {
  const model = new Sequential({
    name: 'mixed',
    layers: [
      new Conv2D({ filters: 4, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', inputShape: [7, 9, 3], name: 'odd_same' }),
      new BatchNormalization({ name: 'bn' }),
      new Conv2D({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', name: 'even_same' }),
      new MaxPooling2D({ poolSize: 2, padding: 'same', name: 'pool' }),
      new Dropout({ rate: 0.5, name: 'drop' }),
      new Flatten({ name: 'flat' }),
      new Dense({ units: 5, activation: 'softmax', name: 'probs' }),
    ],
  });
  model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], 40 + i, 0.5)));
  perturbBatchNorm(model, 4);
  return model;
}

describe('the exported graph', () => {
  test('producer, opset 13 and IR 7, NHWC input with a symbolic batch, Keras names', async () => {
    const model = mixedModel();
    const { onnx } = await exported(model);
    expect(onnx.producer_name).toBe('Strata');
    expect(onnx.producer_version).toBe('0.1.0');
    expect(onnx.opset_import).toEqual([{ domain: '', version: 13 }]);
    expect(onnx.ir_version).toBe(7);
    expect(onnx.graph.name).toBe('mixed');
    expect(onnx.graph.input).toEqual([{ name: 'odd_same_input', type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'batch' }, { dim_value: 7 }, { dim_value: 9 }, { dim_value: 3 }] } } } }]);
    expect(onnx.graph.output[0].name).toBe('probs');
    expect(onnx.graph.output[0].type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_value: 5 }]);
    const nodes = onnx.graph.node.map((n) => `${n.op_type} ${n.name}`);
    expect(nodes).toEqual([
      'Transpose odd_same/to_nchw', 'Conv odd_same/Conv', 'Relu odd_same', 'BatchNormalization bn', 'Conv even_same', 'MaxPool pool',
      'Transpose flat/to_nhwc', 'Flatten flat', 'Gemm probs/Gemm', 'Softmax probs',
    ]);
    expect(onnx.graph.initializer.map((t) => t.name)).toEqual(model.weights.map((w) => w.name));
    expect(onnx.graph.initializer[0].dims).toEqual([4, 3, 4, 4]); // [out, in, kh, kw]
  });

  test("TensorFlow's 'same' padding as explicit pads [top, left, bottom, right], the extra pixel at the end", async () => {
    const { onnx } = await exported(mixedModel());
    const pads = (name: string) => onnx.graph.node.find((n) => n.name === name)!.attribute.find((a) => a.name === 'pads');
    // 7x9, kernel 4, stride 2: 3 padding rows and columns, 1 before and 2 after.
    expect(pads('odd_same/Conv')).toMatchObject({ type: 7, ints: [1, 1, 2, 2] });
    // 4x5, kernel 3, stride 2: 1 row (after), 2 columns (1 and 1).
    expect(pads('even_same')).toMatchObject({ type: 7, ints: [0, 1, 1, 1] });
    // 2x3 pooled by 2: 0 rows, 1 column after.
    expect(pads('pool')).toMatchObject({ type: 7, ints: [0, 0, 0, 1] });
  });

  test('model.exportOnnx writes the same bytes as exportOnnx', async () => {
    const model = mixedModel();
    const { file } = await exported(model);
    const other = join(tempDir('strata-onnx-'), 'method.onnx');
    await model.exportOnnx(other);
    expect(readFileSync(other).equals(readFileSync(file))).toBe(true);
  });

  test.each([9, 11, 13, 17, 21])('opset %i runs in onnxruntime as predict does', async (opset) => {
    const model = mixedModel();
    const { file, onnx } = await exported(model, { opset });
    expect(onnx.opset_import).toEqual([{ domain: '', version: opset }]);
    await expectOnnxMatchesPredict(model, { file, batch: 2 });
  });

  test("unknown height and width: 'same' becomes auto_pad SAME_UPPER (TensorFlow's rule), any input size runs", async () => {
    const model = new Sequential({ layers: [new Conv2D({ filters: 3, kernelSize: 4, strides: 2, padding: 'same' }), new MaxPooling2D({ padding: 'same' })] });
    model.build([null, null, null, 2]);
    model.setWeights(model.getWeights().map((w, i) => randomValues([...w.shape], 60 + i, 0.5)));
    const { file, onnx } = await exported(model);
    expect(onnx.graph.output[0].name).toBe(`${model.layers[1].name}/to_nhwc`);
    const input = `${model.layers[0].name}_input`;
    expect(onnx.graph.input[0].type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_param: `${input}_dim1` }, { dim_param: `${input}_dim2` }, { dim_value: 2 }]);
    for (const [h, w] of [[7, 9], [8, 6]]) {
      const x = randomValues([2, h, w, 2], h);
      const got = await runOnnx(file, x);
      const expected = model.predict(x);
      expect(got.dims).toEqual(expected.shape);
      expect(closenessMismatches(got.data, expected.dataSync())).toEqual([]);
    }
  });
});

test('every layer class Strata registers is exportable (a new one must be added here and to the exporter, or refused)', async () => {
  const configs: Record<string, Record<string, unknown>> = {
    Activation: { activation: 'tanh' },
    Dense: { units: 3 },
    InputLayer: { batchInputShape: [null, 4, 4, 2] },
    Conv2D: { filters: 2, kernelSize: [3, 3], padding: 'same' },
    DepthwiseConv2D: { kernelSize: [3, 3], depthMultiplier: 2, padding: 'same' },
    SeparableConv2D: { filters: 3, kernelSize: [2, 2], activation: 'relu' },
    Conv2DTranspose: { filters: 2, kernelSize: [3, 3], strides: [2, 2], padding: 'same' },
    MaxPooling2D: { poolSize: [2, 2] },
    AveragePooling2D: { poolSize: [3, 3], strides: 2, padding: 'same' },
    Conv1D: { filters: 2, kernelSize: [3], padding: 'causal' },
    MaxPooling1D: { poolSize: [2], padding: 'same' },
    AveragePooling1D: { poolSize: [2] },
    GlobalAveragePooling2D: {},
    GlobalMaxPooling2D: { keepdims: true },
    GlobalAveragePooling1D: { keepdims: true },
    GlobalMaxPooling1D: {},
    Dropout: { rate: 0.5 },
    Flatten: {},
    BatchNormalization: {},
    Reshape: { targetShape: [8, -1] },
    Permute: { dims: [3, 1, 2] },
    ZeroPadding2D: { padding: [[1, 0], [0, 2]] },
    Cropping2D: { cropping: [[1, 0], [0, 2]] },
    UpSampling2D: { size: [2, 3], interpolation: 'bilinear' },
    Rescaling: { scale: 0.5, offset: 1 },
    RandomFlip: {},
    RandomRotation: { factor: 0.2 },
    RandomZoom: { heightFactor: 0.2 },
    RandomTranslation: { heightFactor: 0.1, widthFactor: 0.1 },
    // Issue 16, activation layers.
    ReLU: { maxValue: 1, negativeSlope: 0.1, threshold: 0.2 },
    LeakyReLU: { alpha: 0.2 },
    PReLU: { alphaInitializer: 'randomUniform', sharedAxes: [1, 2] },
    ELU: { alpha: 0.5 },
    Softmax: { axis: 2 },
    LayerNormalization: { axis: [1, 3] },
    SpatialDropout2D: { rate: 0.5 },
    GaussianNoise: { stddev: 0.5 },
  };
  expect(supportedLayerClasses().sort()).toEqual(Object.keys(configs).sort());
  for (const className of supportedLayerClasses()) {
    const layer = deserializeLayer({ className, config: configs[className] });
    const model = new Sequential({ layers: className === 'InputLayer' ? [layer, new Dense({ units: 2 })] : [layer] });
    // Sequence layers (Keras's *1D) take [batch, steps, channels].
    if (!model.built) model.build(className.endsWith('1D') ? [null, 5, 3] : [null, 4, 4, 2]);
    perturbBatchNorm(model, 1);
    await expectOnnxMatchesPredict(model, { batch: 2 });
  }
});
