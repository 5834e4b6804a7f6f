import protobuf from 'protobufjs';
import { ONNX_DESCRIPTOR } from './generated/onnx_descriptor';

// protobufjs with the official onnx.proto (field names kept as the .proto spells them), rather
// than a hand-written encoder: the wire format, packed repeated fields and oneofs are its job.
const root = protobuf.Root.fromJSON(ONNX_DESCRIPTOR);
const ModelProto = root.lookupType('onnx.ModelProto');

/** TensorProto.DataType.FLOAT. */
export const FLOAT = 1;
/** TensorProto.DataType.INT64 (shapes, pads, slice bounds). */
export const INT64 = 7;

/** An AttributeProto as plain data: the AttributeType decides which field carries the value. */
export type OnnxAttribute =
  | { name: string; type: 1; f: number } // FLOAT
  | { name: string; type: 2; i: number } // INT
  | { name: string; type: 3; s: Uint8Array } // STRING
  | { name: string; type: 7; ints: number[] }; // INTS

export const floatAttr = (name: string, f: number): OnnxAttribute => ({ name, type: 1, f });
export const intAttr = (name: string, i: number): OnnxAttribute => ({ name, type: 2, i });
export const stringAttr = (name: string, s: string): OnnxAttribute => ({ name, type: 3, s: new TextEncoder().encode(s) });
export const intsAttr = (name: string, ints: readonly number[]): OnnxAttribute => ({ name, type: 7, ints: [...ints] });

export interface OnnxNode {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: OnnxAttribute[];
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  data_type: number;
  /** Little-endian float32 (or int64) values, as ONNX's raw_data requires. */
  raw_data: Uint8Array;
}

/** A dimension: a size, or a symbol such as 'batch'. */
export type OnnxDim = { dim_value: number } | { dim_param: string };

export interface OnnxValueInfo {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: OnnxDim[] } } };
}

export interface OnnxModel {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  producer_name: string;
  producer_version: string;
  doc_string?: string;
  graph: {
    name: string;
    node: OnnxNode[];
    initializer: OnnxTensor[];
    input: OnnxValueInfo[];
    output: OnnxValueInfo[];
  };
}

/** The ModelProto's bytes. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`ONNX ModelProto does not verify: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Decodes a ModelProto (tests inspect what was written). */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number }) as unknown as OnnxModel;
}
