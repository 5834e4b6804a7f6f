import { noGrad, transpose, type Tensor } from '@strata/core';
import type { LayerShape } from '@strata/layers';
import { FLOAT, INT64, intsAttr, type OnnxAttribute, type OnnxNode, type OnnxTensor } from './onnx_proto';

/**
 * The tensor flowing between layers. Strata's (and Keras's) tensors are channels-last; ONNX's
 * Conv, MaxPool and BatchNormalization want channels at axis 1. A rank-4 value may therefore sit
 * in NCHW order (`nchw`), and the exporter transposes only where the next operator needs the
 * other order, so a stack of convolutions pays for one Transpose in and one out.
 */
export interface FlowingValue {
  name: string;
  /** Rank of the Strata (logical) tensor. */
  rank: number;
  /** Physical order is NCHW for this logical NHWC tensor. */
  nchw: boolean;
}

/** What a layer's exporter gets: the graph so far, the value flowing in and its Strata shape. */
export interface LayerExport {
  graph: GraphBuilder;
  input: FlowingValue;
  /** The layer's input shape, channels-last as Strata sees it (batch null). */
  inputShape: LayerShape;
}

export const NHWC_TO_NCHW = [0, 3, 1, 2];
export const NCHW_TO_NHWC = [0, 2, 3, 1];

/** Little-endian float32 bytes (ONNX raw_data), whatever the host's byte order. */
function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

/** Little-endian int64 bytes of small integers. */
function int64Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return bytes;
}

/** Collects a graph's nodes and weights (initializers) in order, with one name per value. */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  /** `opset`: the ONNX opset imported, for operators whose form changed (Pad, Slice, Resize, ReduceMean). */
  constructor(readonly opset = 13) {}

  /** `base`, or `base_1`, `base_2`, ... if a node or value already has that name. */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Adds a float32 weight; `perm` reorders a Keras weight into ONNX's layout first. */
  addWeight(name: string, value: Tensor, perm?: readonly number[]): string {
    const t = perm ? noGrad(() => transpose(value, perm)) : value;
    return this.addConstant(name, [...t.shape], t.dataSync() as Float32Array);
  }

  addConstant(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    const unique = this.uniqueName(name);
    this.initializers.push({ name: unique, dims: [...dims], data_type: FLOAT, raw_data: float32Bytes(values) });
    return unique;
  }

  /** An int64 vector constant (a Reshape's shape, Pad's pads, Slice's bounds). */
  addInt64Constant(name: string, values: readonly number[]): string {
    const unique = this.uniqueName(name);
    this.initializers.push({ name: unique, dims: [values.length], data_type: INT64, raw_data: int64Bytes(values) });
    return unique;
  }

  /** Adds a node named `name` (made unique) with one output, named after the node; returns that output. */
  addNode(opType: string, name: string, inputs: readonly string[], attribute: OnnxAttribute[] = []): string {
    const node = this.uniqueName(name);
    this.nodes.push({ name: node, op_type: opType, input: [...inputs], output: [node], attribute });
    return node;
  }

  /** `v` with channels at axis 1 (NCHW), transposing if needed. */
  toNchw(v: FlowingValue, layerName: string): FlowingValue {
    if (v.nchw) return v;
    if (v.rank !== 4) throw new Error(`toNchw: rank ${v.rank}`);
    return { name: this.addNode('Transpose', `${layerName}/to_nchw`, [v.name], [intsAttr('perm', NHWC_TO_NCHW)]), rank: 4, nchw: true };
  }

  /** `v` in Strata's own axis order (channels last), transposing if needed. */
  toNatural(v: FlowingValue, layerName: string): FlowingValue {
    if (!v.nchw) return v;
    return { name: this.addNode('Transpose', `${layerName}/to_nhwc`, [v.name], [intsAttr('perm', NCHW_TO_NHWC)]), rank: 4, nchw: false };
  }
}
