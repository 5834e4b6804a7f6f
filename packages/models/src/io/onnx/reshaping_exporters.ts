// ONNX export of the reshaping layers. Reshape and Permute speak Strata's (channels-last) axis
// order, so their input goes back to it first; padding, cropping and upsampling work in whichever
// layout flows in (NCHW after a convolution), so they add no transposes.
import type { Cropping2D, Permute, Reshape, UpSampling2D, ZeroPadding2D } from '@strata/layers';
import { intsAttr, stringAttr } from './onnx_proto';
import type { FlowingValue, LayerExport } from './graph_builder';

/** Physical positions of the logical (NHWC) height and width axes of `v`. */
const spatialAxes = (v: FlowingValue): [number, number] => (v.nchw ? [2, 3] : [1, 2]);

export function exportReshape(layer: Reshape, { graph: g, input }: LayerExport): FlowingValue {
  const x = g.toNatural(input, layer.name);
  // 0 keeps the batch size (ONNX Reshape without allowzero); Keras's one -1 is ONNX's too.
  const shape = g.addInt64Constant(`${layer.name}/shape`, [0, ...layer.targetShape]);
  return { name: g.addNode('Reshape', layer.name, [x.name, shape]), rank: layer.targetShape.length + 1, nchw: false };
}

export function exportPermute(layer: Permute, { graph: g, input }: LayerExport): FlowingValue {
  const x = g.toNatural(input, layer.name);
  return { ...x, name: g.addNode('Transpose', layer.name, [x.name], [intsAttr('perm', [0, ...layer.dims])]) };
}

export function exportZeroPadding2D(layer: ZeroPadding2D, { graph: g, input }: LayerExport): FlowingValue {
  const [h, w] = spatialAxes(input);
  const begin = [0, 0, 0, 0], end = [0, 0, 0, 0];
  [[begin[h], end[h]], [begin[w], end[w]]] = layer.padding;
  const pads = [...begin, ...end];
  // Pad took its pads as an attribute until opset 11, as an input since.
  const node = g.opset < 11
    ? g.addNode('Pad', layer.name, [input.name], [intsAttr('pads', pads), stringAttr('mode', 'constant')])
    : g.addNode('Pad', layer.name, [input.name, g.addInt64Constant(`${layer.name}/pads`, pads)], [stringAttr('mode', 'constant')]);
  return { ...input, name: node };
}

/** Beyond any dimension: Slice clamps it to the axis's end. */
const TO_END = 2 ** 31 - 1;

export function exportCropping2D(layer: Cropping2D, { graph: g, input }: LayerExport): FlowingValue {
  const axes = spatialAxes(input);
  const starts = layer.cropping.map((c) => c[0]);
  const ends = layer.cropping.map((c) => (c[1] > 0 ? -c[1] : TO_END));
  // Slice took its bounds as attributes until opset 10, as inputs since.
  const node = g.opset < 10
    ? g.addNode('Slice', layer.name, [input.name], [intsAttr('starts', starts), intsAttr('ends', ends), intsAttr('axes', axes)])
    : g.addNode('Slice', layer.name, [
      input.name, g.addInt64Constant(`${layer.name}/starts`, starts), g.addInt64Constant(`${layer.name}/ends`, ends), g.addInt64Constant(`${layer.name}/axes`, axes),
    ]);
  return { ...input, name: node };
}

export function exportUpSampling2D(layer: UpSampling2D, { graph: g, input }: LayerExport): FlowingValue {
  // onnxruntime's linear Resize wants NCHW (scales 1 on batch and channels).
  const x = g.toNchw(input, layer.name);
  const scales = g.addConstant(`${layer.name}/scales`, [4], [1, 1, layer.size[0], layer.size[1]]);
  const mode = stringAttr('mode', layer.interpolation === 'nearest' ? 'nearest' : 'linear');
  // TensorFlow.js's source coordinate is out / scale ('asymmetric'), the nearest one its floor.
  // Opset 9's Upsample and opset 10's Resize know only that rule; 11 names it.
  let node: string;
  if (g.opset < 10) node = g.addNode('Upsample', layer.name, [x.name, scales], [mode]);
  else if (g.opset === 10) node = g.addNode('Resize', layer.name, [x.name, scales], [mode]);
  else {
    const roi = g.addConstant(`${layer.name}/roi`, [0], []);
    node = g.addNode('Resize', layer.name, [x.name, roi, scales], [
      mode, stringAttr('coordinate_transformation_mode', 'asymmetric'), stringAttr('nearest_mode', 'floor'),
    ]);
  }
  return { ...x, name: node };
}
