// Runs ONNX files in onnxruntime-node or onnxruntime-web (wasm) for the tests, in a child
// process: inside jest's sandbox the native binding's Float32Array is not the sandbox's, and
// onnxruntime-common rejects it. Requests come over IPC (advanced serialization keeps typed arrays).
import { readFileSync } from 'node:fs';
import * as ortNode from 'onnxruntime-node';

let ortWeb = null;
async function web(threads) {
  if (!ortWeb) {
    ortWeb = await import('onnxruntime-web');
    ortWeb.env.wasm.numThreads = threads;
  }
  return ortWeb;
}

async function run({ file, runtime, threads, data, dims }) {
  const ort = runtime === 'web' ? await web(threads) : ortNode;
  const session = runtime === 'web'
    ? await ort.InferenceSession.create(readFileSync(file), { executionProviders: ['wasm'] })
    : await ort.InferenceSession.create(file, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  try {
    const out = (await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', data, dims) }))[session.outputNames[0]];
    return { data: Float32Array.from(out.data), dims: [...out.dims], inputNames: session.inputNames, outputNames: session.outputNames };
  } finally {
    await session.release();
  }
}

process.on('message', (req) => {
  run(req).then(
    (result) => process.send({ id: req.id, result }),
    (e) => process.send({ id: req.id, error: String(e?.message ?? e) }),
  );
});
