// Seeded mutations of valid files, for fuzz tests of every reader: each call returns one hostile
// variant and a description of what was changed, so a failing case can be reproduced by eye.
import type { Rng } from '../random';

/** One mutated file and what was done to it. */
export interface Mutation<T> {
  data: T;
  what: string;
}

type Path = (string | number)[];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/** Every path to a value inside `v` (not the root itself). */
function allPaths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (v === null || typeof v !== 'object') return out;
  for (const [k, child] of Object.entries(v)) {
    const p = [...prefix, Array.isArray(v) ? Number(k) : k];
    out.push(p);
    allPaths(child, p, out);
  }
  return out;
}

/** Values of other types (and odd values of the same type) to swap in. */
const SWAPS: readonly unknown[] = [null, true, false, 'x', '', 0, 1, -1, '7', [], {}, [1, 2], { a: 1 }];
const HUGE = [1e308, 2 ** 53 + 2, 1e12, 2 ** 31, 2 ** 32 + 1];
const STRINGS = ['', 'a'.repeat(5000), '../../etc/passwd', '/etc/passwd', 'float64', 'int32', 'None', '\u0000', 'relu'];
/** Raw JSON tokens that are not JSON.stringify output: NaN is invalid JSON, 1e999 parses as Infinity. */
const RAW = ['NaN', '1e999', '-1e999'];
const MARK = '\u0000mutation\u0000';

/**
 * A JSON document mutated at one random place: a key or element dropped or duplicated
 * (duplicate keys in the text, where JSON.parse keeps the last), a value swapped for another
 * type, a number made huge, negative, fractional, zero, NaN or +-Infinity, a string emptied or
 * made hostile, or the text truncated.
 */
export function mutateJson(doc: unknown, rng: Rng): Mutation<string> {
  const paths = allPaths(doc);
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  if (paths.length === 0 || rng() < 0.04) {
    const text = JSON.stringify(doc);
    const cut = Math.floor(rng() * text.length);
    return { data: text.slice(0, cut), what: `truncated at ${cut} of ${text.length} characters` };
  }
  const path = pick(rng, paths);
  const key = path[path.length - 1];
  let parent: any = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const old = parent[key];
  const at = path.join('.');
  const ops: string[] = ['drop', 'duplicate', 'swap', 'swap'];
  if (typeof old === 'number') ops.push('huge', 'negative', 'fraction', 'zero', 'raw', 'raw');
  if (typeof old === 'string') ops.push('string', 'string');
  const op = pick(rng, ops);
  let raw: string | null = null;
  switch (op) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return { data: JSON.stringify(copy), what: `dropped ${at}` };
    case 'duplicate': {
      if (Array.isArray(parent)) {
        parent.splice(key as number, 0, JSON.parse(JSON.stringify(old)));
        return { data: JSON.stringify(copy), what: `duplicated element ${at}` };
      }
      const other = pick(rng, SWAPS);
      const [first, second] = rng() < 0.5 ? [old, other] : [other, old];
      parent[key] = MARK;
      raw = `${JSON.stringify(first)},${JSON.stringify(String(key))}:${JSON.stringify(second)}`;
      return { data: JSON.stringify(copy).replace(JSON.stringify(MARK), raw), what: `duplicated key ${at} as ${JSON.stringify(first)} then ${JSON.stringify(second)}` };
    }
    case 'swap':
      parent[key] = pick(rng, SWAPS);
      return { data: JSON.stringify(copy), what: `${at}: ${JSON.stringify(old)?.slice(0, 40)} -> ${JSON.stringify(parent[key])}` };
    case 'huge':
      parent[key] = pick(rng, HUGE) * (old < 0 ? -1 : 1);
      break;
    case 'negative':
      parent[key] = old === 0 ? -1 : -old;
      break;
    case 'fraction':
      parent[key] = old + 0.5;
      break;
    case 'zero':
      parent[key] = 0;
      break;
    case 'raw':
      raw = pick(rng, RAW);
      parent[key] = MARK;
      return { data: JSON.stringify(copy).replace(JSON.stringify(MARK), raw), what: `${at}: ${old} -> ${raw}` };
    default:
      parent[key] = pick(rng, STRINGS);
  }
  return { data: JSON.stringify(copy), what: `${at}: ${JSON.stringify(old)?.slice(0, 40)} -> ${JSON.stringify(parent[key])?.slice(0, 40)}` };
}

/** Hostile replacements for one token of a text file. */
const TOKENS = ['', '-1', '256', '1e309', 'NaN', '2.5', '99999999999999999999', '0x10', '"', ',', '\uFEFF', ' ', 'Training', 'emotion'];

/**
 * A text file mutated once: a token (between commas, spaces and newlines) replaced by a hostile
 * one, a line dropped, duplicated or cut short, line endings switched to CRLF, or the whole
 * text truncated.
 */
export function mutateText(text: string, rng: Rng): Mutation<string> {
  const lines = text.split('\n');
  const line = Math.floor(rng() * lines.length);
  switch (pick(rng, ['token', 'token', 'token', 'dropLine', 'duplicateLine', 'cutLine', 'crlf', 'truncate'])) {
    case 'token': {
      const parts = lines[line].split(/([,\s])/);
      const i = Math.floor(rng() * parts.length);
      const token = pick(rng, TOKENS);
      const old = parts[i];
      parts[i] = token;
      lines[line] = parts.join('');
      return { data: lines.join('\n'), what: `line ${line + 1}, token ${i}: ${JSON.stringify(old.slice(0, 20))} -> ${JSON.stringify(token)}` };
    }
    case 'dropLine':
      lines.splice(line, 1);
      return { data: lines.join('\n'), what: `dropped line ${line + 1}` };
    case 'duplicateLine':
      lines.splice(line, 0, lines[line]);
      return { data: lines.join('\n'), what: `duplicated line ${line + 1}` };
    case 'cutLine': {
      const cut = Math.floor(rng() * lines[line].length);
      lines[line] = lines[line].slice(0, cut);
      return { data: lines.join('\n'), what: `line ${line + 1} cut at ${cut}` };
    }
    case 'crlf':
      return { data: lines.join('\r\n'), what: 'CRLF line endings' };
    default: {
      const cut = Math.floor(rng() * text.length);
      return { data: text.slice(0, cut), what: `truncated at ${cut} of ${text.length}` };
    }
  }
}

/**
 * A binary file mutated once: truncated, emptied, a byte range overwritten with random bytes
 * or zeros, random bytes inserted or appended, or a 16- or 32-bit big-endian field in the first
 * 64 bytes (where headers keep sizes) set to an extreme value.
 */
export function mutateBytes(bytes: Uint8Array, rng: Rng): Mutation<Uint8Array> {
  const out = Uint8Array.from(bytes);
  const at = Math.floor(rng() * bytes.length);
  switch (pick(rng, ['truncate', 'empty', 'noise', 'zeros', 'insert', 'append', 'header', 'header'])) {
    case 'truncate':
      return { data: out.subarray(0, at), what: `truncated at ${at} of ${bytes.length}` };
    case 'empty':
      return { data: new Uint8Array(0), what: 'emptied' };
    case 'noise': {
      const n = 1 + Math.floor(rng() * 16);
      for (let i = at; i < Math.min(out.length, at + n); i++) out[i] = Math.floor(rng() * 256);
      return { data: out, what: `${n} random bytes at ${at}` };
    }
    case 'zeros': {
      const n = 1 + Math.floor(rng() * 64);
      out.fill(0, at, at + n);
      return { data: out, what: `${n} zero bytes at ${at}` };
    }
    case 'insert':
    case 'append': {
      const junk = Uint8Array.from({ length: 1 + Math.floor(rng() * 32) }, () => Math.floor(rng() * 256));
      const pos = rng() < 0.5 ? at : bytes.length;
      const data = new Uint8Array(bytes.length + junk.length);
      data.set(bytes.subarray(0, pos));
      data.set(junk, pos);
      data.set(bytes.subarray(pos), pos + junk.length);
      return { data, what: `${junk.length} random bytes inserted at ${pos}` };
    }
    default: {
      const pos = Math.floor(rng() * Math.max(1, Math.min(60, bytes.length - 4)));
      const value = pick(rng, [0, 1, 0xffff, 0x7fff, 0xffffffff, 0x7fffffff, 100000]);
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      if (pos + 4 <= out.length && value > 0xffff) view.setUint32(pos, value);
      else if (pos + 2 <= out.length) view.setUint16(pos, value & 0xffff);
      return { data: out, what: `header field at ${pos} set to ${value}` };
    }
  }
}
