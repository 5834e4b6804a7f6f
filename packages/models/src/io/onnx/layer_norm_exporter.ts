// ONNX export of LayerNormalization: opset 17's LayerNormalization operator when the normalised
// axes are the trailing ones, else (older opsets, or axes such as [1, 3]) its decomposition into
// ReduceMean, Sub, Mul, Sqrt, Div and Add, in Strata's channels-last axis order.
import type { LayerNormalization, LayerShape } from '@strata/layers';
import { floatAttr, intAttr, intsAttr } from './onnx_proto';
import type { FlowingValue, LayerExport } from './graph_builder';

export function exportLayerNormalization(layer: LayerNormalization, { graph: g, input, inputShape }: LayerExport): FlowingValue {
  const x = g.toNatural(input, layer.name);
  const rank = x.rank;
  const axes = layer.axes(rank);
  const paramDims = axes.map((a) => (inputShape as LayerShape)[a] as number);
  const size = paramDims.reduce((a, b) => a * b, 1);
  const trailing = axes.every((a, i) => a === rank - axes.length + i);
  const param = (w: typeof layer.gamma, name: string, fill: number, dims: number[]): string => (w
    ? g.addConstant(w.name, dims, w.dataSync() as Float32Array)
    : g.addConstant(`${layer.name}/${name}`, dims, new Float32Array(size).fill(fill)));

  if (g.opset >= 17 && trailing) {
    const inputs = [x.name, param(layer.gamma, 'gamma', 1, paramDims), param(layer.beta, 'beta', 0, paramDims)];
    const y = g.addNode('LayerNormalization', layer.name, inputs, [intAttr('axis', axes[0]), floatAttr('epsilon', layer.epsilon)]);
    return { ...x, name: y };
  }
  // ReduceMean took its axes as an attribute until opset 18, as an input since.
  const reduceMean = (v: string, name: string): string => (g.opset < 18
    ? g.addNode('ReduceMean', `${layer.name}/${name}`, [v], [intsAttr('axes', axes), intAttr('keepdims', 1)])
    : g.addNode('ReduceMean', `${layer.name}/${name}`, [v, g.addInt64Constant(`${layer.name}/axes`, axes)], [intAttr('keepdims', 1)]));
  const mean = reduceMean(x.name, 'mean');
  const centred = g.addNode('Sub', `${layer.name}/centred`, [x.name, mean]);
  const variance = reduceMean(g.addNode('Mul', `${layer.name}/squared`, [centred, centred]), 'variance');
  const eps = g.addConstant(`${layer.name}/epsilon`, [], [layer.epsilon]);
  const std = g.addNode('Sqrt', `${layer.name}/std`, [g.addNode('Add', `${layer.name}/variance_epsilon`, [variance, eps])]);
  // gamma and beta in the input's rank, 1 on the other axes, so they broadcast.
  const broadcast = Array.from({ length: rank }, (_, i) => (axes.includes(i) ? (inputShape[i] as number) : 1));
  const last = layer.scale || layer.center;
  let y = g.addNode('Div', last ? `${layer.name}/normalized` : layer.name, [centred, std]);
  if (layer.scale) y = g.addNode('Mul', layer.center ? `${layer.name}/scaled` : layer.name, [y, param(layer.gamma, 'gamma', 1, broadcast)]);
  if (layer.center) y = g.addNode('Add', layer.name, [y, param(layer.beta, 'beta', 0, broadcast)]);
  return { ...x, name: y };
}
