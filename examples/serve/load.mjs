// The model to serve: the directory given, else the one `npm start` saves. A missing model is
// one clear line and exit code 1, not a stack trace.
import { fileURLToPath } from 'node:url';
import { loadModel } from '@strata/models';

const TRAINED = fileURLToPath(new URL('../fer-cnn/output/model', import.meta.url));

export async function loadServedModel(dir) {
  try {
    return await loadModel(dir ?? TRAINED, { compile: false });
  } catch (e) {
    console.error(`serve: ${e.message}${dir ? '' : ' (run `npm start` first: it trains and saves this model)'}`);
    process.exit(1);
  }
}
