import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkOptions, optionKeys, StrataError, ValueError } from '@strata/core';
import type { LayerShape } from '@strata/layers';
import type { TrainableModel } from '../../sequential/model';
import { checkOutputPath, nodeFileSystem, writeFileAtomically, type FileSystem } from '../atomic_write';
import { STRATA_VERSION } from '../topology';
import { GraphBuilder, type FlowingValue } from './graph_builder';
import { layerExporter } from './layer_exporters';
import { encodeOnnxModel, FLOAT, type OnnxDim, type OnnxModel, type OnnxValueInfo } from './onnx_proto';

/** Options of {@link exportOnnx}. */
export interface ExportOnnxOptions {
  /** The ONNX opset (default 13). Every operator the exporter emits means the same from 9 to 21. */
  opset?: number;
  /** The file-system calls to use (tests inject failures here). */
  fileSystem?: FileSystem;
}

const OPTION_KEYS = optionKeys<ExportOnnxOptions>()({ opset: true, fileSystem: true });
export const MIN_OPSET = 9;
export const MAX_OPSET = 21;

/** The IR version each opset was released with (onnx/onnx docs/Versioning.md); runtimes accept that pair. */
function irVersion(opset: number): number {
  if (opset <= 9) return 4;
  if (opset === 10) return 5;
  if (opset === 11) return 6;
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  return 10;
}

function valueInfo(name: string, shape: LayerShape): OnnxValueInfo {
  const dim: OnnxDim[] = shape.map((d, i) => (i === 0 ? { dim_param: 'batch' } : d === null ? { dim_param: `${name}_dim${i}` } : { dim_value: d }));
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}

/** The ONNX model of `model`: every check runs, and every node is built, before anything is written. */
export function onnxModel(model: TrainableModel, opset: number, who: string): OnnxModel {
  if (!model.built) throw new ValueError(`${who} is not built, so it has no weights yet; give the first layer an inputShape, or call build(), fit() or predict() first`);
  const layers = model.layers;
  const exporters = layers.map((l) => layerExporter(l, who));
  const g = new GraphBuilder(opset);
  // Keras names a Sequential's implicit input after its first layer ('conv2d_input').
  const first = model.getConfig().layers[0];
  const inputName = g.uniqueName(first.className === 'InputLayer' ? String(first.config.name) : `${layers[0]?.name ?? model.name}_input`);
  const inputShape = model.inputShape;
  let value: FlowingValue = { name: inputName, rank: inputShape.length, nchw: false };
  let shape = inputShape;
  layers.forEach((layer, i) => {
    value = exporters[i](layer, { graph: g, input: value, inputShape: shape });
    shape = layer.computeOutputShape(shape);
  });
  // Back to channels-last if the graph ends on a convolution or pooling (its output: `<layer>/to_nhwc`).
  value = g.toNatural(value, layers[layers.length - 1]?.name ?? model.name);
  // A graph output must come from a node (a model of Dropouts alone is the identity).
  const output = value.name === inputName ? g.addNode('Identity', `${model.name}/output`, [inputName]) : value.name;
  return {
    ir_version: irVersion(opset),
    opset_import: [{ domain: '', version: opset }],
    producer_name: 'Strata',
    producer_version: STRATA_VERSION.replace(/^Strata /, ''),
    graph: {
      name: model.name,
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(inputName, inputShape)],
      output: [valueInfo(output, model.outputShape)],
    },
  };
}

/**
 * Writes `model` to the file `path` as an ONNX model that runs in onnxruntime (and any ONNX
 * runtime): input channels-last (NHWC, exactly what `predict` takes) with a symbolic batch
 * dimension, output `predict`'s output. Layers and weights keep their Keras names (node and
 * initializer names). The file is written atomically; a layer or option that cannot be exported
 * is a ValueError before anything is written.
 */
export async function exportOnnx(model: TrainableModel, path: string, options?: ExportOnnxOptions): Promise<void> {
  const who = `exportOnnx: Sequential '${model?.name}'`;
  const o = checkOptions(options, OPTION_KEYS, 'exportOnnx');
  const opset = o.opset ?? 13;
  if (!Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new ValueError(`${who}: opset must be an integer from ${MIN_OPSET} to ${MAX_OPSET}, got ${String(opset)}`);
  }
  checkOutputPath(path, who);
  if (await stat(path).then((s) => s.isDirectory(), () => false)) throw new ValueError(`${who}: '${path}' is a directory; give the path of the .onnx file to write`);
  const bytes = encodeOnnxModel(onnxModel(model, opset, who));
  const io = o.fileSystem ?? nodeFileSystem;
  try {
    await io.mkdir(dirname(path)); // as save creates its directory
    await writeFileAtomically(path, bytes, io);
  } catch (e) {
    const err = new StrataError(`${who}: writing '${path}' failed (${(e as Error).message}); the previous file at '${path}', if any, is intact`);
    err.cause = e;
    throw err;
  }
}
