// JSON over node:http for the serving example: a size-capped body reader and a reply helper.

/** A client mistake: answered with `status` and `{ error: message }`. */
export class RequestError extends Error {
  constructor(message, status = 400) {
    super(message);
    this.status = status;
  }
}

/**
 * Reads and parses a JSON request body of at most `limit` bytes. A longer body is refused as
 * soon as it is announced (Content-Length) or streamed past the limit, never buffered: the rest
 * is read and dropped, so the connection stays usable and the client gets the reply.
 */
export function readJsonBody(req, limit) {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new RequestError(`request body exceeds the ${limit}-byte limit`);
    if (Number(req.headers['content-length']) > limit) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => {
      if (size > limit) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        reject(new RequestError(`malformed JSON: ${e.message}`));
      }
    });
  });
}

export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
