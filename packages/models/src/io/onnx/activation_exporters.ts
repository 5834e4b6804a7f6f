// ONNX for every activation string and the activation layers' functions. Only operators whose
// meaning is the same from opset 9 to 21 are used: Gelu (opset 20), Mish (18), HardSwish (14) and
// Clip's inputs (11) are composed from older ones instead, and a softmax over any axis but the last
// runs on the last between two Transposes (before opset 13, Softmax flattened the trailing axes).
import { ValueError } from '@strata/core';
import type { ActivationIdentifier, ELU, LeakyReLU, PReLU, ReLU, Softmax } from '@strata/layers';
import { floatAttr, intAttr, intsAttr } from './onnx_proto';
import type { FlowingValue, GraphBuilder } from './graph_builder';

// Keras 3 / TensorFlow's SELU constants; ONNX's Selu defaults are the same numbers in float32.
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_GAMMA = 1.0507009873554804934193349852946;

/** A scalar float constant named after the layer. */
function scalar(g: GraphBuilder, layerName: string, what: string, value: number): string {
  return g.addConstant(`${layerName}/${what}`, [], [value]);
}

/** One pointwise node on `v` named `name`; layout (NCHW or not) is kept. */
function node(g: GraphBuilder, v: FlowingValue, op: string, name: string, inputs: string[], attrs = [] as ReturnType<typeof floatAttr>[]): FlowingValue {
  return { ...v, name: g.addNode(op, name, inputs, attrs) };
}

/** x * f(x), f's node named `${layerName}/${fName}`, the product named after the layer. */
function timesSelf(g: GraphBuilder, v: FlowingValue, layerName: string, fName: string, f: (name: string) => string): FlowingValue {
  return node(g, v, 'Mul', layerName, [v.name, f(`${layerName}/${fName}`)]);
}

/** Keras 3's relu(x, negativeSlope, maxValue, threshold) as ONNX, the final node named `layerName`. */
export function emitRelu(
  g: GraphBuilder, v: FlowingValue, layerName: string, p: { negativeSlope: number; maxValue: number | null; threshold: number },
): FlowingValue {
  const { negativeSlope: s, maxValue: m, threshold: t } = p;
  if (t === 0 && m === null) {
    return s === 0 ? node(g, v, 'Relu', layerName, [v.name]) : node(g, v, 'LeakyRelu', layerName, [v.name], [floatAttr('alpha', s)]);
  }
  if (t === 0 && s === 0) {
    const r = g.addNode('Relu', `${layerName}/Relu`, [v.name]);
    return node(g, v, 'Min', layerName, [r, scalar(g, layerName, 'max_value', m as number)]);
  }
  // x > t ? min(x, m) : s * (x - t).
  const above = g.addNode('Greater', `${layerName}/above_threshold`, [v.name, scalar(g, layerName, 'threshold', t)]);
  const capped = m === null ? v.name : g.addNode('Min', `${layerName}/Min`, [v.name, scalar(g, layerName, 'max_value', m)]);
  const shifted = g.addNode('Sub', `${layerName}/Sub`, [v.name, scalar(g, layerName, 'threshold_', t)]);
  const below = g.addNode('Mul', `${layerName}/negative_part`, [shifted, scalar(g, layerName, 'negative_slope', s)]);
  return node(g, v, 'Where', layerName, [above, capped, below]);
}

/** Softmax or LogSoftmax over Strata's `axis` (negative counts from the end). */
export function emitSoftmax(g: GraphBuilder, input: FlowingValue, layerName: string, axis: number, op: 'Softmax' | 'LogSoftmax'): FlowingValue {
  const x = g.toNatural(input, layerName);
  const last = x.rank - 1;
  const ax = axis < 0 ? axis + x.rank : axis;
  if (ax === last) return node(g, x, op, layerName, [x.name], [intAttr('axis', last)]);
  const perm = [...Array(x.rank).keys()];
  [perm[ax], perm[last]] = [perm[last], perm[ax]];
  const t = g.addNode('Transpose', `${layerName}/axis_last`, [x.name], [intsAttr('perm', perm)]);
  const y = g.addNode(op, `${layerName}/${op}`, [t], [intAttr('axis', last)]);
  return node(g, x, 'Transpose', layerName, [y], [intsAttr('perm', perm)]);
}

/**
 * Emits activation `id` after `v`; its last node takes the layer's name, so the node that yields a
 * layer's output is always named after the layer. Softmax runs on Strata's last axis.
 */
export function emitActivation(g: GraphBuilder, v: FlowingValue, id: ActivationIdentifier, layerName: string): FlowingValue {
  switch (id) {
    case 'linear':
      return v;
    case 'relu':
      return node(g, v, 'Relu', layerName, [v.name]);
    case 'relu6':
      return emitRelu(g, v, layerName, { negativeSlope: 0, maxValue: 6, threshold: 0 });
    case 'leaky_relu':
      return node(g, v, 'LeakyRelu', layerName, [v.name], [floatAttr('alpha', 0.2)]);
    case 'sigmoid':
      return node(g, v, 'Sigmoid', layerName, [v.name]);
    case 'tanh':
      return node(g, v, 'Tanh', layerName, [v.name]);
    case 'elu':
      return node(g, v, 'Elu', layerName, [v.name], [floatAttr('alpha', 1)]);
    case 'selu':
      return node(g, v, 'Selu', layerName, [v.name], [floatAttr('alpha', SELU_ALPHA), floatAttr('gamma', SELU_GAMMA)]);
    case 'softplus':
      return node(g, v, 'Softplus', layerName, [v.name]);
    case 'softsign':
      return node(g, v, 'Softsign', layerName, [v.name]);
    case 'exponential':
      return node(g, v, 'Exp', layerName, [v.name]);
    // relu6(x + 3) / 6 = max(0, min(1, x / 6 + 0.5)): ONNX's HardSigmoid with alpha 1/6, beta 0.5.
    case 'hard_sigmoid':
      return node(g, v, 'HardSigmoid', layerName, [v.name], [floatAttr('alpha', 1 / 6), floatAttr('beta', 0.5)]);
    case 'hard_silu':
    case 'hard_swish':
      return timesSelf(g, v, layerName, 'HardSigmoid', (n) => g.addNode('HardSigmoid', n, [v.name], [floatAttr('alpha', 1 / 6), floatAttr('beta', 0.5)]));
    case 'swish':
    case 'silu':
      return timesSelf(g, v, layerName, 'Sigmoid', (n) => g.addNode('Sigmoid', n, [v.name]));
    case 'mish':
      return timesSelf(g, v, layerName, 'Tanh', (n) => g.addNode('Tanh', n, [g.addNode('Softplus', `${layerName}/Softplus`, [v.name])]));
    case 'gelu':
      // x * 0.5 * (1 + erf(x / sqrt(2))), the exact GELU.
      return timesSelf(g, v, layerName, 'Phi', (n) => {
        const erf = g.addNode('Erf', `${layerName}/Erf`, [g.addNode('Mul', `${layerName}/scaled`, [v.name, scalar(g, layerName, 'sqrt_half', Math.SQRT1_2)])]);
        const onePlus = g.addNode('Add', `${layerName}/one_plus_erf`, [erf, scalar(g, layerName, 'one', 1)]);
        return g.addNode('Mul', n, [onePlus, scalar(g, layerName, 'half', 0.5)]);
      });
    case 'softmax':
      return emitSoftmax(g, v, layerName, -1, 'Softmax');
    case 'log_softmax':
      return emitSoftmax(g, v, layerName, -1, 'LogSoftmax');
    default: {
      // A new activation must be added here; the export is built in memory, so nothing is written.
      const unknown: never = id;
      throw new ValueError(`layer '${layerName}': activation '${String(unknown)}' cannot be exported to ONNX`);
    }
  }
}

/** ReLU, LeakyReLU, ELU, Softmax and PReLU layers: `input` in, the layer's output out. */
export function exportReLU(layer: ReLU, g: GraphBuilder, input: FlowingValue): FlowingValue {
  return emitRelu(g, input, layer.name, layer);
}

export function exportLeakyReLU(layer: LeakyReLU, g: GraphBuilder, input: FlowingValue): FlowingValue {
  return node(g, input, 'LeakyRelu', layer.name, [input.name], [floatAttr('alpha', layer.negativeSlope)]);
}

export function exportELU(layer: ELU, g: GraphBuilder, input: FlowingValue): FlowingValue {
  return node(g, input, 'Elu', layer.name, [input.name], [floatAttr('alpha', layer.alpha)]);
}

export function exportSoftmax(layer: Softmax, g: GraphBuilder, input: FlowingValue): FlowingValue {
  return emitSoftmax(g, input, layer.name, layer.axis, 'Softmax');
}

/** PRelu with the alpha weight as its slope: alpha is the input's shape without the batch, which ONNX broadcasts. */
export function exportPReLU(layer: PReLU, g: GraphBuilder, input: FlowingValue): FlowingValue {
  const x = g.toNatural(input, layer.name);
  return node(g, x, 'PRelu', layer.name, [x.name, g.addWeight(layer.alpha!.name, layer.alpha!)]);
}
