import { conv2d, kernelScope, matMul, maxPool2d, reshape, setBackend, tensor, variable, type Tensor } from '../../../src';
import { getRuntime } from '../../../src/backends/wasm/runtime';
import { randomArray } from '../../helpers/wasm_setup';

const input = (): Tensor => tensor(randomArray(2 * 12 * 12 * 8, 'x'), [2, 12, 12, 8]);
const filter = (): Tensor => tensor(randomArray(3 * 3 * 8 * 16, 'w'), [3, 3, 8, 16]);
const w2 = tensor(randomArray(3 * 3 * 16 * 16, 'w2'), [3, 3, 16, 16]);
/** Three wasm kernels, each reading the previous one's result. */
const chain = (x: Tensor, w: Tensor): Tensor => maxPool2d(conv2d(conv2d(x, w, { padding: 'same', activation: 'relu' }), w2, { padding: 'same' }), { poolSize: 2 });

beforeAll(() => setBackend('wasm'));

describe('kernelScope on the wasm backend', () => {
  it('gives the same values as unscoped kernels, and returns a copy in ordinary memory', () => {
    const x = input();
    const w = filter();
    const plain = chain(x, w);
    const scoped = kernelScope(() => chain(x, w));
    expect(scoped.values.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(scoped.values.buffer).equals(Buffer.from(plain.values.buffer))).toBe(true);
  });

  it('keeps intermediate results in the heap, where the next kernel reads them in place', () => {
    const heap = getRuntime().heap;
    const x = input();
    const w = filter();
    kernelScope(() => {
      const inner = conv2d(x, w, { padding: 'same' });
      expect(heap.offsetOf(inner.values as Float32Array)).toBeGreaterThan(0);
      // A second kernel on the view sees the same numbers as on a copy.
      const b = tensor(randomArray(16 * 3, 'b'), [16, 3]);
      const viaView = matMul(reshape(inner, [288, 16]), b);
      const viaCopy = matMul(tensor(inner.values.slice(), [288, 16]), b);
      expect(Buffer.from(viaView.values.slice().buffer).equals(Buffer.from(viaCopy.values.slice().buffer))).toBe(true);
    });
  });

  it('frees the scope: hundreds of scoped steps keep the heap size flat', () => {
    const heap = getRuntime().heap;
    const x = input();
    const w = filter();
    kernelScope(() => chain(x, w));
    const size = heap.size;
    for (let i = 0; i < 300; i++) kernelScope(() => chain(x, w));
    expect(heap.size).toBe(size);
  });

  it('nests, and an error inside still closes the scope', () => {
    const x = input();
    const w = filter();
    const outer = kernelScope(() => {
      const a = conv2d(x, w, { padding: 'same' });
      const b = kernelScope(() => conv2d(x, w, { padding: 'same' }));
      expect(Buffer.from(b.values.slice().buffer).equals(Buffer.from(a.values.slice().buffer))).toBe(true);
      return a;
    });
    expect(() => kernelScope(() => { conv2d(x, w); throw new Error('boom'); })).toThrow('boom');
    // After the failed scope, a new scope starts from the same place: results still correct.
    const again = kernelScope(() => conv2d(x, w, { padding: 'same' }));
    expect(Buffer.from(again.values.buffer).equals(Buffer.from(outer.values.buffer))).toBe(true);
  });
});

describe('variables in the wasm heap', () => {
  it('keeps a variable\'s values in the heap, where kernels read them in place, with the initial values', () => {
    const init = tensor(randomArray(64 * 16, 'v'), [64, 16]);
    const v = variable(init);
    expect(getRuntime().heap.offsetOf(v.values as Float32Array)).toBeGreaterThan(0);
    expect(Array.from(v.values)).toEqual(Array.from(init.values));
    const x = tensor(randomArray(3 * 64, 'xv'), [3, 64]);
    const viaHeap = matMul(x, v);
    const viaCopy = matMul(x, tensor(v.values.slice(), [64, 16]));
    expect(Buffer.from(viaHeap.values.buffer).equals(Buffer.from(viaCopy.values.buffer))).toBe(true);
  });

  it('falls back to ordinary memory for a variable created inside a kernel scope', () => {
    const v = kernelScope(() => variable(tensor(randomArray(8, 'vs'), [8])));
    expect(v.values.buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });
});

it('returns a variable from a kernel scope as itself', () => {
  const v = variable(tensor(randomArray(8, 'vr'), [8]));
  expect(kernelScope(() => v)).toBe(v);
});
