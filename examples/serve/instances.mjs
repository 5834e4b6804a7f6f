// Turns the `instances` of a request into a batch tensor for the model, or a RequestError.
import { reshape, StrataError, tensor } from '@strata/core';
import { RequestError } from './http_json.mjs';

const fmt = (shape) => `[${shape.join(', ')}]`;

/**
 * `body.instances` is a list of samples, each a nested array of the model's input shape (a grey
 * image may leave out its channel axis of 1: 48 rows of 48 numbers for the article's model).
 */
export function instancesToBatch(body, inputShape) {
  const instances = body?.instances;
  if (!Array.isArray(instances) || instances.length === 0) throw new RequestError('expected a JSON object { "instances": [sample, ...] } with at least one sample');
  const sample = inputShape.slice(1);
  let x;
  try {
    x = tensor(instances);
  } catch (e) {
    if (e instanceof StrataError) throw new RequestError(`instances must be numbers in nested arrays of shape ${fmt(sample)}: ${e.message}`);
    throw e;
  }
  const got = x.shape.slice(1);
  if (sample[sample.length - 1] === 1 && fmt(got) === fmt(sample.slice(0, -1))) return reshape(x, [x.shape[0], ...sample]);
  if (fmt(got) !== fmt(sample)) throw new RequestError(`each instance must have shape ${fmt(sample)}, got ${fmt(got)}`);
  return x;
}
