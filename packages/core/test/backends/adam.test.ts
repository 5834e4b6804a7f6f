import { getBackend, referenceBackend, setBackend, wasmBackend } from '../../src';
import { VARIANTS, expectBitIdentical, randomArray, withSettings } from '../helpers/wasm_setup';

/** w, m and v in the heap when `resident` (as variables and their slots are), else ordinary arrays. */
function state(n: number, resident: boolean): Float32Array[] {
  return ['w', 'm', 'v'].map((name) => {
    const values = randomArray(n, `${name}${n}`).map((x) => (name === 'v' ? Math.abs(x) : x));
    if (!resident) return values;
    setBackend('wasm');
    const own = getBackend().allocPersistent?.(n) as Float32Array;
    own.set(values);
    return own;
  });
}

describe.each(VARIANTS)('Adam update kernel (%s)', (variant) => {
  // Below and above the 2 x 65536 elements that run in parallel; heap-resident and not.
  it.each([[7, true], [1000, false], [200_001, true]] as const)('%i elements (in the heap: %s): the same bits as the reference on 1, 2 and 3 threads', (n, resident) => {
    const g = randomArray(n, 'g');
    const [w0, m0, v0] = state(n, false);
    const [alpha, b1, b2, eps] = [1e-3 * Math.sqrt(1 - 0.999 ** 3) / (1 - 0.9 ** 3), 0.9, 0.999, 1e-7];
    referenceBackend.adamUpdate(w0, g, m0, v0, alpha, b1, b2, eps);
    // The reference is Keras 3's formula, element by element: spot-check one element by hand.
    const [wr, mr, vr] = state(n, false);
    const m = Math.fround(mr[n - 1] + (g[n - 1] - mr[n - 1]) * (1 - b1));
    const v = Math.fround(vr[n - 1] + (g[n - 1] ** 2 - vr[n - 1]) * (1 - b2));
    expect(m0[n - 1]).toBe(m);
    expect(w0[n - 1]).toBe(Math.fround(wr[n - 1] - (m * alpha) / (Math.sqrt(v) + eps)));
    for (const threads of [1, 2, 3]) {
      withSettings(variant, threads, () => {
        const [w, m1, v1] = state(n, resident);
        wasmBackend.adamUpdate(w, g, m1, v1, alpha, b1, b2, eps);
        expectBitIdentical(Float32Array.from(w), w0);
        expectBitIdentical(Float32Array.from(m1), m0);
        expectBitIdentical(Float32Array.from(v1), v0);
      });
    }
  });
});
