import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUniform, setSeed, tensor } from '@strata/core';
import { Conv2D, Dense, Flatten } from '@strata/layers';
import { Sequential } from '@strata/models';

// examples/serve as a user runs it, on a tiny saved model (the `npm start` one takes minutes).
const root = join(__dirname, '..', '..', '..', '..');
let server: ChildProcessWithoutNullStreams;
let url = '';
let model: Sequential;

beforeAll(async () => {
  setSeed(21);
  model = new Sequential({
    layers: [new Conv2D({ filters: 2, kernelSize: [3, 3], activation: 'relu', inputShape: [6, 6, 1] }), new Flatten(), new Dense({ units: 7, activation: 'softmax' })],
  });
  const dir = join(mkdtempSync(join(tmpdir(), 'serve-')), 'model');
  await model.save(dir);
  server = spawn(process.execPath, [join(root, 'examples/serve/index.mjs'), dir], { cwd: root, env: { ...process.env, PORT: '0' } });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.stderr.on('data', (d) => reject(new Error(String(d))));
    server.on('exit', (code) => reject(new Error(`the server exited with code ${code}: ${out}`)));
  });
}, 60000);

afterAll(() => server?.kill());

const post = async (body: string) => {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, json: await res.json() };
};

describe('examples/serve', () => {
  test('answers predictions, refuses bad requests with a 400 and a JSON error, and keeps serving', async () => {
    const x = randomUniform([2, 6, 6, 1], { seed: 22 });
    const images = (x.toArray() as number[][][][]).map((img) => img.map((row) => row.map((px) => px[0])));
    const good = await post(JSON.stringify({ instances: images })); // grey images without their channel axis
    expect(good.status).toBe(200);
    expect(good.json.predictions).toEqual(model.predict(x).toArray());

    expect(await post('{"instances": [[1, 2')).toEqual({ status: 400, json: { error: expect.stringMatching(/^malformed JSON: /) } });
    expect(await post(JSON.stringify({ instances: [[1, 2, 3]] }))).toEqual({ status: 400, json: { error: 'each instance must have shape [6, 6, 1], got [3]' } });

    // Over 1 MB, streamed without a length: the reply comes while the body is still open, so
    // the server refused it as it streamed instead of buffering it first.
    const tooLarge = await new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode as number, json: JSON.parse(text) });
        });
      });
      req.on('error', reject);
      req.write(`{"instances": [${'0,'.repeat(600000)}`);
    });
    expect(tooLarge).toEqual({ status: 400, json: { error: 'request body exceeds the 1048576-byte limit' } });

    // Announced by Content-Length: refused before a byte of it is read.
    expect(await post(' '.repeat(1 << 21))).toEqual({ status: 400, json: { error: 'request body exceeds the 1048576-byte limit' } });

    const again = await post(JSON.stringify({ instances: images.slice(1) }));
    expect(again.status).toBe(200);
    expect(again.json.predictions).toEqual(model.predict(tensor(x.f32.slice(36), [1, 6, 6, 1])).toArray());
  }, 60000);

  test('a missing model is one clear line and exit code 1', () => {
    const r = spawnSync(process.execPath, [join(root, 'examples/serve/index.mjs'), '/nonexistent/model'], { cwd: root, encoding: 'utf8', timeout: 60000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("serve: loadModel: no model at '/nonexistent/model' (expected a directory holding model.json, or a model.json path)");
  });
});
