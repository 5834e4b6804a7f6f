// Serves the model `npm start` saves: POST {"instances": [image, ...]}, get {"predictions": [[p, ...], ...]}.
// Usage: node examples/serve/index.mjs [modelDir]   (PORT, HOST and MAX_BODY_BYTES from the environment)
import { createServer } from 'node:http';
import { readJsonBody, RequestError, sendJson } from './http_json.mjs';
import { instancesToBatch } from './instances.mjs';
import { loadServedModel } from './load.mjs';

const { PORT = '8080', HOST = '127.0.0.1', MAX_BODY_BYTES = String(1 << 20) } = process.env;
const model = await loadServedModel(process.argv[2]);

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'POST') throw new RequestError('POST a JSON body { "instances": [...] }', 405);
    const x = instancesToBatch(await readJsonBody(req, Number(MAX_BODY_BYTES)), model.inputShape);
    const y = await model.predictAsync(x); // the event loop keeps serving while this runs
    sendJson(res, 200, { predictions: y.toArray() });
  } catch (e) {
    sendJson(res, e instanceof RequestError ? e.status : 500, { error: e instanceof RequestError ? e.message : 'internal error' });
    if (!(e instanceof RequestError)) console.error(e);
  }
});
server.listen(Number(PORT), HOST, () => console.log(`Serving ${model.name} on http://${HOST}:${server.address().port}`));
