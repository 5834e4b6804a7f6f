// The model to serve: the directory given, else the one `npm start` saves. A missing model is
// one clear line and exit code 1, not a stack trace.
import { fileURLToPath } from 'node:url';
import { zeros } from '@strata/core';
import { loadModel } from '@strata/models';

const TRAINED = fileURLToPath(new URL('../fer-cnn/output/model', import.meta.url));

/** Loads the model and warms its inference worker up (start, weights), so the first request is as fast as the rest. */
export async function loadServedModel(dir) {
  try {
    const model = await loadModel(dir ?? TRAINED, { compile: false });
    await model.predictAsync(zeros([1, ...model.inputShape.slice(1)]));
    return model;
  } catch (e) {
    console.error(`serve: ${e.message}${dir ? '' : ' (run `npm start` first: it trains and saves this model)'}`);
    process.exit(1);
  }
}
