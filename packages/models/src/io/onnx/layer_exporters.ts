import { axisGeometry, conv2dTransposeInfo, noGrad, reshape, ValueError, type Variable } from '@strata/core';
import {
  Activation, AveragePooling2D, BatchNormalization, Conv2D, Conv2DTranspose, Dense, DepthwiseConv2D, Dropout, Flatten, GlobalAveragePooling1D, GlobalAveragePooling2D,
  GlobalMaxPooling1D, GlobalMaxPooling2D, InputLayer, MaxPooling2D, SeparableConv2D,
  Cropping2D, Permute, Reshape, UpSampling2D, ZeroPadding2D, LayerNormalization, GaussianNoise, SpatialDropout2D,
  RandomFlip, RandomRotation, RandomTranslation, RandomZoom, Rescaling,
  ReLU, LeakyReLU, PReLU, ELU, Softmax,
  AveragePooling1D, Conv1D, MaxPooling1D,
  type ActivationIdentifier, type Layer, type LayerShape,
} from '@strata/layers';
import { floatAttr, intAttr, intsAttr, stringAttr, type OnnxAttribute } from './onnx_proto';
import type { FlowingValue, GraphBuilder, LayerExport } from './graph_builder';
import { emitActivation, exportELU, exportLeakyReLU, exportPReLU, exportReLU, exportSoftmax } from './activation_exporters';
import { exportLayerNormalization } from './layer_norm_exporter';
import { exportCropping2D, exportPermute, exportReshape, exportUpSampling2D, exportZeroPadding2D } from './reshaping_exporters';

/** The name of a layer's main node: the layer's own, unless an activation node follows and takes it. */
function mainNodeName(layerName: string, activation: ActivationIdentifier, op: string): string {
  return activation === 'linear' ? layerName : `${layerName}/${op}`;
}


type Exporter = (layer: Layer, ctx: LayerExport) => FlowingValue;

/**
 * ONNX pads [top, left, bottom, right] for a window over the input's height and width.
 * TensorFlow's 'same' puts the odd extra pixel at the end; ONNX's explicit pads say so exactly.
 * An unknown height or width leaves it to `auto_pad: SAME_UPPER`, TensorFlow's rule too.
 */
function windowPadding(inputShape: LayerShape, size: [number, number], strides: [number, number], dilation: [number, number], padding: 'valid' | 'same'): OnnxAttribute {
  return axisPadding([inputShape[1], inputShape[2]], size, strides, dilation, padding);
}

/** ONNX pads (all begins, then all ends) for a window over axes of the given sizes; see windowPadding. */
function axisPadding(sizes: (number | null)[], size: number[], strides: number[], dilation: number[], padding: 'valid' | 'same'): OnnxAttribute {
  if (padding === 'valid') return intsAttr('pads', sizes.flatMap(() => [0, 0]));
  if (sizes.some((n) => n === null)) return stringAttr('auto_pad', 'SAME_UPPER');
  const begin: number[] = [];
  const end: number[] = [];
  (sizes as number[]).forEach((n, i) => {
    const effK = (size[i] - 1) * dilation[i] + 1;
    const { out, padBefore } = axisGeometry(n, size[i], strides[i], dilation[i], 'same');
    begin.push(padBefore);
    end.push(Math.max((out - 1) * strides[i] + effK - n, 0) - padBefore);
  });
  return intsAttr('pads', [...begin, ...end]);
}

/** [batch, steps, channels] <-> [batch, channels, steps], the layout of ONNX's 1D Conv and pools. */
function swapStepsAndChannels(g: GraphBuilder, v: FlowingValue, name: string): FlowingValue {
  return { name: g.addNode('Transpose', name, [v.name], [intsAttr('perm', [0, 2, 1])]), rank: 3, nchw: false };
}

function exportConv1D(layer: Conv1D, { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const x = swapStepsAndChannels(g, input, `${layer.name}/channels_first`);
  // Keras kernel [k, in, out] -> ONNX [out, in, k].
  const inputs = [x.name, g.addWeight(layer.kernel!.name, layer.kernel!, [2, 1, 0])];
  if (layer.bias) inputs.push(g.addWeight(layer.bias.name, layer.bias));
  const [k, d] = [layer.kernelSize, layer.dilationRate];
  const pads = layer.padding === 'causal' ? intsAttr('pads', [(k - 1) * d, 0]) : axisPadding([inputShape[1]], [k], [layer.strides], [d], layer.padding);
  const conv = g.addNode('Conv', `${layer.name}/Conv`, inputs, [
    intsAttr('kernel_shape', [k]), intsAttr('strides', [layer.strides]), intsAttr('dilations', [d]), pads,
  ]);
  // Back to channels-last before the activation: softmax runs on the last axis.
  const y = swapStepsAndChannels(g, { ...x, name: conv }, mainNodeName(layer.name, layer.activation, 'channels_last'));
  return emitActivation(g, y, layer.activation, layer.name);
}

function exportPooling1D(layer: MaxPooling1D | AveragePooling1D, op: 'MaxPool' | 'AveragePool', { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const x = swapStepsAndChannels(g, input, `${layer.name}/channels_first`);
  const pool = g.addNode(op, `${layer.name}/${op}`, [x.name], [
    intsAttr('kernel_shape', [layer.poolSize]),
    intsAttr('strides', [layer.strides]),
    axisPadding([inputShape[1]], [layer.poolSize], [layer.strides], [1], layer.padding),
    ...(op === 'AveragePool' ? [intAttr('count_include_pad', 0)] : []),
  ]);
  return swapStepsAndChannels(g, { ...x, name: pool }, layer.name);
}

function exportConv2D(layer: Conv2D, { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const x = g.toNchw(input, layer.name);
  // Keras kernel [kh, kw, in, out] -> ONNX [out, in, kh, kw].
  const inputs = [x.name, g.addWeight(layer.kernel!.name, layer.kernel!, [3, 2, 0, 1])];
  if (layer.bias) inputs.push(g.addWeight(layer.bias.name, layer.bias));
  const conv = g.addNode('Conv', mainNodeName(layer.name, layer.activation, 'Conv'), inputs, [
    intsAttr('kernel_shape', layer.kernelSize),
    intsAttr('strides', layer.strides),
    intsAttr('dilations', layer.dilationRate),
    windowPadding(inputShape, layer.kernelSize, layer.strides, layer.dilationRate, layer.padding),
  ]);
  return emitActivation(g, { ...x, name: conv }, layer.activation, layer.name);
}

/**
 * A depthwise conv as ONNX's grouped Conv, one group per input channel: ONNX output channel o
 * belongs to group floor(o / depthMultiplier), Keras's channel c * depthMultiplier + m. The Keras
 * kernel [kh, kw, in, dm] is, in memory, [kh, kw, 1, in * dm]: transposed to ONNX's [in * dm, 1, kh, kw].
 */
function depthwiseConvNode(
  g: GraphBuilder, x: FlowingValue, name: string, kernel: Variable, bias: Variable | null,
  layer: DepthwiseConv2D | SeparableConv2D, inputShape: LayerShape,
): string {
  const [kh, kw, channels, dm] = kernel.shape;
  const w = noGrad(() => reshape(kernel, [kh, kw, 1, channels * dm]));
  const inputs = [x.name, g.addWeight(kernel.name, w, [3, 2, 0, 1])];
  if (bias) inputs.push(g.addWeight(bias.name, bias));
  return g.addNode('Conv', name, inputs, [
    intsAttr('kernel_shape', layer.kernelSize),
    intsAttr('strides', layer.strides),
    intsAttr('dilations', layer.dilationRate),
    intAttr('group', channels),
    windowPadding(inputShape, layer.kernelSize, layer.strides, layer.dilationRate, layer.padding),
  ]);
}

function exportDepthwiseConv2D(layer: DepthwiseConv2D, { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const x = g.toNchw(input, layer.name);
  const conv = depthwiseConvNode(g, x, mainNodeName(layer.name, layer.activation, 'Conv'), layer.depthwiseKernel!, layer.bias, layer, inputShape);
  return emitActivation(g, { ...x, name: conv }, layer.activation, layer.name);
}

/** Two Convs, as the layer computes it: the depthwise one (grouped), then the 1x1 pointwise one with the bias. */
function exportSeparableConv2D(layer: SeparableConv2D, { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const x = g.toNchw(input, layer.name);
  const depthwise = depthwiseConvNode(g, x, `${layer.name}/depthwise`, layer.depthwiseKernel!, null, layer, inputShape);
  const inputs = [depthwise, g.addWeight(layer.pointwiseKernel!.name, layer.pointwiseKernel!, [3, 2, 0, 1])];
  if (layer.bias) inputs.push(g.addWeight(layer.bias.name, layer.bias));
  const pointwise = g.addNode('Conv', mainNodeName(layer.name, layer.activation, 'Conv'), inputs, [intsAttr('kernel_shape', [1, 1])]);
  return emitActivation(g, { ...x, name: pointwise }, layer.activation, layer.name);
}

/**
 * ConvTranspose with explicit pads: Strata's output is the full transposed conv (s * (in - 1) +
 * effK long) cropped by the transposed conv's leading pad, then cut or zero-extended at the end to
 * Keras's size; ONNX says the same with pads [begin, end] and output_padding (the extra rows at the
 * end, for a kernel shorter than its stride or an outputPadding).
 */
function exportConv2DTranspose(layer: Conv2DTranspose, { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const [h, w, channels] = [inputShape[1], inputShape[2], inputShape[3]];
  if (h === null || w === null || channels === null) {
    throw new ValueError(`layer ${layer.describe()}: a Conv2DTranspose exports only with a known input height and width, got ${JSON.stringify(inputShape)}`);
  }
  const info = conv2dTransposeInfo([1, h, w, channels], layer.kernel!.shape, layer.strides, layer.padding, layer.outputPadding, layer.dilationRate);
  const begin = [info.padTop, info.padLeft];
  const end: number[] = [];
  const extra: number[] = [];
  [[h, info.inHeight], [w, info.inWidth]].forEach(([n, out], i) => {
    const full = layer.strides[i] * (n - 1) + (layer.kernelSize[i] - 1) * layer.dilationRate[i] + 1;
    const cut = full - begin[i] - out; // negative: rows past the full output, which ONNX adds as output_padding
    end.push(Math.max(cut, 0));
    extra.push(Math.max(-cut, 0));
  });
  const x = g.toNchw(input, layer.name);
  // Keras kernel [kh, kw, filters, in] -> ONNX ConvTranspose [in, filters, kh, kw].
  const inputs = [x.name, g.addWeight(layer.kernel!.name, layer.kernel!, [3, 2, 0, 1])];
  if (layer.bias) inputs.push(g.addWeight(layer.bias.name, layer.bias));
  const conv = g.addNode('ConvTranspose', mainNodeName(layer.name, layer.activation, 'ConvTranspose'), inputs, [
    intsAttr('kernel_shape', layer.kernelSize),
    intsAttr('strides', layer.strides),
    intsAttr('dilations', layer.dilationRate),
    intsAttr('pads', [...begin, ...end]),
    intsAttr('output_padding', extra),
  ]);
  return emitActivation(g, { ...x, name: conv }, layer.activation, layer.name);
}

function exportPooling2D(layer: MaxPooling2D | AveragePooling2D, op: 'MaxPool' | 'AveragePool', { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const x = g.toNchw(input, layer.name);
  // ONNX MaxPool ignores padded cells, and AveragePool with count_include_pad 0 leaves them out of
  // the count: both as TensorFlow's 'same' pooling.
  const pool = g.addNode(op, layer.name, [x.name], [
    intsAttr('kernel_shape', layer.poolSize),
    intsAttr('strides', layer.strides),
    windowPadding(inputShape, layer.poolSize, layer.strides, [1, 1], layer.padding),
    ...(op === 'AveragePool' ? [intAttr('count_include_pad', 0)] : []),
  ]);
  return { ...x, name: pool };
}

/**
 * ONNX's GlobalAveragePool / GlobalMaxPool reduce every axis after the channels (axis 1), keeping
 * them as size 1: rank 4 goes through NCHW, rank 3 [batch, steps, channels] through [batch, channels, steps].
 * Without keepdims a Flatten drops the size-1 axes.
 */
function exportGlobalPooling(layer: Layer & { keepdims: boolean }, op: 'GlobalAveragePool' | 'GlobalMaxPool', { graph: g, input }: LayerExport): FlowingValue {
  const pooledName = layer.keepdims && input.rank === 4 ? layer.name : `${layer.name}/${op}`;
  let x: FlowingValue;
  if (input.rank === 4) {
    x = g.toNchw(input, layer.name);
  } else {
    x = swapStepsAndChannels(g, input, `${layer.name}/channels_first`);
  }
  const pooled = g.addNode(op, pooledName, [x.name]);
  if (!layer.keepdims) return { name: g.addNode('Flatten', layer.name, [pooled], [intAttr('axis', 1)]), rank: 2, nchw: false };
  if (input.rank === 4) return { ...x, name: pooled };
  return swapStepsAndChannels(g, { ...x, name: pooled }, layer.name);
}

function exportDense(layer: Dense, { graph: g, input }: LayerExport): FlowingValue {
  const x = g.toNatural(input, layer.name);
  const kernel = g.addWeight(layer.kernel!.name, layer.kernel!);
  let y: string;
  const a = layer.activation;
  if (x.rank === 2 && layer.bias) {
    y = g.addNode('Gemm', mainNodeName(layer.name, a, 'Gemm'), [x.name, kernel, g.addWeight(layer.bias.name, layer.bias)]);
  } else {
    // Gemm is rank 2 only; MatMul applies the kernel to the last axis of any rank, as Keras.
    y = g.addNode('MatMul', layer.bias ? `${layer.name}/MatMul` : mainNodeName(layer.name, a, 'MatMul'), [x.name, kernel]);
    if (layer.bias) y = g.addNode('Add', mainNodeName(layer.name, a, 'Add'), [y, g.addWeight(layer.bias.name, layer.bias)]);
  }
  return emitActivation(g, { ...x, name: y }, layer.activation, layer.name);
}

function exportBatchNormalization(layer: BatchNormalization, { graph: g, input }: LayerExport): FlowingValue {
  const rank = input.rank;
  const axis = layer.axis < 0 ? layer.axis + rank : layer.axis;
  // ONNX normalises axis 1. Channels-last rank-4 input goes to NCHW (where the next conv wants
  // it anyway); any other feature axis is swapped with axis 1 and back.
  let x = rank === 4 && axis === 3 ? g.toNchw(input, layer.name) : g.toNatural(input, layer.name);
  const physical = x.nchw ? [0, 3, 1, 2].indexOf(axis) : axis;
  const swap = [...Array(rank).keys()];
  [swap[1], swap[physical]] = [swap[physical], swap[1]];
  if (physical !== 1) x = { ...x, name: g.addNode('Transpose', `${layer.name}/feature_axis_first`, [x.name], [intsAttr('perm', swap)]) };
  const c = layer.movingMean!.shape[0];
  const scale = layer.gamma ? g.addWeight(layer.gamma.name, layer.gamma) : g.addConstant(`${layer.name}/gamma`, [c], new Float32Array(c).fill(1));
  const bias = layer.beta ? g.addWeight(layer.beta.name, layer.beta) : g.addConstant(`${layer.name}/beta`, [c], new Float32Array(c));
  const mean = g.addWeight(layer.movingMean!.name, layer.movingMean!);
  const variance = g.addWeight(layer.movingVariance!.name, layer.movingVariance!);
  let y = g.addNode('BatchNormalization', layer.name, [x.name, scale, bias, mean, variance], [floatAttr('epsilon', layer.epsilon)]);
  if (physical !== 1) y = g.addNode('Transpose', `${layer.name}/feature_axis_back`, [y], [intsAttr('perm', swap)]);
  return { ...x, name: y };
}

function exportFlatten(layer: Flatten, { graph: g, input }: LayerExport): FlowingValue {
  // Keras flattens channels-last (h, w, c): back to that order first.
  const x = g.toNatural(input, layer.name);
  return { name: g.addNode('Flatten', layer.name, [x.name], [intAttr('axis', 1)]), rank: 2, nchw: false };
}

function exportActivation(layer: Activation, { graph: g, input }: LayerExport): FlowingValue {
  return emitActivation(g, input, layer.activation, layer.name);
}

/** x * scale + offset with scalar constants, which broadcast in whichever layout x flows. */
function exportRescaling(layer: Rescaling, { graph: g, input }: LayerExport): FlowingValue {
  const scale = g.addConstant(`${layer.name}/scale`, [], [layer.scale]);
  let y = g.addNode('Mul', layer.offset === 0 ? layer.name : `${layer.name}/Mul`, [input.name, scale]);
  if (layer.offset !== 0) y = g.addNode('Add', layer.name, [y, g.addConstant(`${layer.name}/offset`, [], [layer.offset])]);
  return { ...input, name: y };
}

/**
 * Inference-time identities: Dropout and the random image layers (active only in training) are
 * omitted, as Keras's and tf2onnx's exports do.
 */
const passThrough: Exporter = (_layer, ctx) => ctx.input;

/** Keras class name -> exporter (the class the layer registry resolves that name to). */
const exporters = new Map<string, { cls: abstract new (...args: never[]) => Layer; fn: Exporter }>([
  ['Conv2D', { cls: Conv2D, fn: (l, c) => exportConv2D(l as Conv2D, c) }],
  ['DepthwiseConv2D', { cls: DepthwiseConv2D, fn: (l, c) => exportDepthwiseConv2D(l as DepthwiseConv2D, c) }],
  ['SeparableConv2D', { cls: SeparableConv2D, fn: (l, c) => exportSeparableConv2D(l as SeparableConv2D, c) }],
  ['Conv2DTranspose', { cls: Conv2DTranspose, fn: (l, c) => exportConv2DTranspose(l as Conv2DTranspose, c) }],
  ['MaxPooling2D', { cls: MaxPooling2D, fn: (l, c) => exportPooling2D(l as MaxPooling2D, 'MaxPool', c) }],
  ['AveragePooling2D', { cls: AveragePooling2D, fn: (l, c) => exportPooling2D(l as AveragePooling2D, 'AveragePool', c) }],
  ['Conv1D', { cls: Conv1D, fn: (l, c) => exportConv1D(l as Conv1D, c) }],
  ['MaxPooling1D', { cls: MaxPooling1D, fn: (l, c) => exportPooling1D(l as MaxPooling1D, 'MaxPool', c) }],
  ['AveragePooling1D', { cls: AveragePooling1D, fn: (l, c) => exportPooling1D(l as AveragePooling1D, 'AveragePool', c) }],
  ['GlobalAveragePooling2D', { cls: GlobalAveragePooling2D, fn: (l, c) => exportGlobalPooling(l as GlobalAveragePooling2D, 'GlobalAveragePool', c) }],
  ['GlobalMaxPooling2D', { cls: GlobalMaxPooling2D, fn: (l, c) => exportGlobalPooling(l as GlobalMaxPooling2D, 'GlobalMaxPool', c) }],
  ['GlobalAveragePooling1D', { cls: GlobalAveragePooling1D, fn: (l, c) => exportGlobalPooling(l as GlobalAveragePooling1D, 'GlobalAveragePool', c) }],
  ['GlobalMaxPooling1D', { cls: GlobalMaxPooling1D, fn: (l, c) => exportGlobalPooling(l as GlobalMaxPooling1D, 'GlobalMaxPool', c) }],
  ['Dense', { cls: Dense, fn: (l, c) => exportDense(l as Dense, c) }],
  ['BatchNormalization', { cls: BatchNormalization, fn: (l, c) => exportBatchNormalization(l as BatchNormalization, c) }],
  ['Flatten', { cls: Flatten, fn: (l, c) => exportFlatten(l as Flatten, c) }],
  ['Activation', { cls: Activation, fn: (l, c) => exportActivation(l as Activation, c) }],
  ['Dropout', { cls: Dropout, fn: passThrough }],
  ['InputLayer', { cls: InputLayer, fn: passThrough }],
  ['Reshape', { cls: Reshape, fn: (l, c) => exportReshape(l as Reshape, c) }],
  ['Permute', { cls: Permute, fn: (l, c) => exportPermute(l as Permute, c) }],
  ['ZeroPadding2D', { cls: ZeroPadding2D, fn: (l, c) => exportZeroPadding2D(l as ZeroPadding2D, c) }],
  ['Cropping2D', { cls: Cropping2D, fn: (l, c) => exportCropping2D(l as Cropping2D, c) }],
  ['UpSampling2D', { cls: UpSampling2D, fn: (l, c) => exportUpSampling2D(l as UpSampling2D, c) }],
  ['Rescaling', { cls: Rescaling, fn: (l, c) => exportRescaling(l as Rescaling, c) }],
  ['RandomFlip', { cls: RandomFlip, fn: passThrough }],
  ['RandomRotation', { cls: RandomRotation, fn: passThrough }],
  ['RandomZoom', { cls: RandomZoom, fn: passThrough }],
  ['RandomTranslation', { cls: RandomTranslation, fn: passThrough }],
  ['ReLU', { cls: ReLU, fn: (l, c) => exportReLU(l as ReLU, c.graph, c.input) }],
  ['LeakyReLU', { cls: LeakyReLU, fn: (l, c) => exportLeakyReLU(l as LeakyReLU, c.graph, c.input) }],
  ['PReLU', { cls: PReLU, fn: (l, c) => exportPReLU(l as PReLU, c.graph, c.input) }],
  ['ELU', { cls: ELU, fn: (l, c) => exportELU(l as ELU, c.graph, c.input) }],
  ['Softmax', { cls: Softmax, fn: (l, c) => exportSoftmax(l as Softmax, c.graph, c.input) }],
  ['LayerNormalization', { cls: LayerNormalization, fn: (l, c) => exportLayerNormalization(l as LayerNormalization, c) }],
  ['SpatialDropout2D', { cls: SpatialDropout2D, fn: passThrough }],
  ['GaussianNoise', { cls: GaussianNoise, fn: passThrough }],
]);

/** The exporter for `layer`, or a ValueError naming it (raised before anything is written). */
export function layerExporter(layer: Layer, who: string): Exporter {
  const entry = exporters.get(layer.className);
  if (!entry || !(layer instanceof entry.cls)) {
    throw new ValueError(`${who}: layer ${layer.describe()} cannot be exported to ONNX; exportable layers: ${[...exporters.keys()].join(', ')}`);
  }
  return entry.fn;
}
