import { getBackend, referenceBackend, setBackend, wasmBackend, type AdamArrays } from '../../src';
import { OP_ADAM } from '../../src/backends/wasm/job_layout';
import { VARIANTS, expectBitIdentical, expectSameValues, randomArray, withOpTrace, withSettings } from '../helpers/wasm_setup';

const [B1, B2, EPS] = [0.9, 0.999, 1e-7];
const ALPHA = 1e-3 * Math.sqrt(1 - B2 ** 3) / (1 - B1 ** 3);

/** Starting values of one variable's arrays (v and vHat non-negative), the same for every `key`. */
function start(n: number, key: string, amsgrad: boolean): Record<string, Float32Array> {
  const names = amsgrad ? ['w', 'm', 'v', 'vHat'] : ['w', 'm', 'v'];
  return Object.fromEntries(names.map((name) => [name, randomArray(n, `${key}${name}${n}`).map((x) => (name.startsWith('v') ? Math.abs(x) : x))]));
}

/** Copies of `values` in the wasm heap when `resident` (as variables and their slots are), else ordinary arrays. */
function place(values: Record<string, Float32Array>, resident: boolean): Record<string, Float32Array> {
  if (!resident) return Object.fromEntries(Object.entries(values).map(([k, a]) => [k, a.slice()]));
  setBackend('wasm');
  return Object.fromEntries(Object.entries(values).map(([k, a]) => {
    const own = getBackend().allocPersistent?.(a.length) as Float32Array;
    own.set(a);
    return [k, own];
  }));
}

const arrays = (s: Record<string, Float32Array>, g: Float32Array): AdamArrays => ({ w: s.w, g, m: s.m, v: s.v, ...(s.vHat ? { vHat: s.vHat } : {}) });

describe.each(VARIANTS)('Adam update kernel (%s)', (variant) => {
  // Below and above the 2 x 65536 elements that run in parallel; heap-resident and not.
  it.each([[7, true], [1000, false], [200_001, true]] as const)('%i elements (in the heap: %s): the same bits as the reference on 1, 2 and 3 threads', (n, resident) => {
    const g = randomArray(n, 'g');
    const init = start(n, 'one', false);
    const expected = place(init, false);
    referenceBackend.adamUpdate([arrays(expected, g)], ALPHA, B1, B2, EPS);
    // The reference is Keras 3's formula, element by element: spot-check one element by hand.
    const i = n - 1;
    const m = Math.fround(init.m[i] + (g[i] - init.m[i]) * (1 - B1));
    const v = Math.fround(init.v[i] + (g[i] ** 2 - init.v[i]) * (1 - B2));
    expect(expected.m[i]).toBe(m);
    expect(expected.w[i]).toBe(Math.fround(init.w[i] - (m * ALPHA) / (Math.sqrt(v) + EPS)));
    for (const threads of [1, 2, 3]) {
      withSettings(variant, threads, () => {
        const s = place(init, resident);
        wasmBackend.adamUpdate([arrays(s, g)], ALPHA, B1, B2, EPS);
        for (const k of ['w', 'm', 'v']) expectBitIdentical(Float32Array.from(s[k]), expected[k]);
      });
    }
  });

  // One job over several variables: tasks straddle the variables' ends and the 65536-element blocks.
  const SIZES = [7, 65_536, 65_537, 3, 200_001, 1];
  it.each([false, true])('a step\'s variables in one call (AMSGrad: %s), one of them outside the heap: the reference\'s bits on 1, 2 and 3 threads', (amsgrad) => {
    const gs = SIZES.map((n) => randomArray(n, `g${n}`));
    // Non-finite gradients: every backend must give the same NaN and Inf pattern.
    gs[4][5] = NaN;
    gs[4][6] = Infinity;
    gs[2][65_536] = -Infinity;
    const inits = SIZES.map((n, i) => start(n, `var${i}`, amsgrad));
    const expected = inits.map((s) => place(s, false));
    referenceBackend.adamUpdate(expected.map((s, i) => arrays(s, gs[i])), ALPHA, B1, B2, EPS);
    for (const threads of [1, 2, 3]) {
      withSettings(variant, threads, () => {
        const placed = inits.map((s, i) => place(s, i !== 3));
        const { ops } = withOpTrace(() => wasmBackend.adamUpdate(placed.map((s, i) => arrays(s, gs[i])), ALPHA, B1, B2, EPS));
        expect(ops).toEqual([OP_ADAM]); // one job for the five variables in the heap
        placed.forEach((s, i) => {
          for (const k of Object.keys(s)) expectSameValues(Float32Array.from(s[k]), expected[i][k]);
        });
      });
    }
    expect(Number.isNaN(expected[4].w[5])).toBe(true);
  });

  it('AMSGrad keeps the running maximum of v and steps with it; a NaN v leaves vHat as it was', () => {
    // v: 0.04 -> 0.04 + (g^2 - 0.04) * 0.5; vHat starts above, below and equal to the new v.
    const g = Float32Array.from([0, 1, 0.2, NaN, 0.5]);
    const init = { w: new Float32Array(5).fill(1), m: new Float32Array(5), v: new Float32Array(5).fill(0.04), vHat: Float32Array.from([1, 0, 0.04, 0.5, 0.125]) };
    for (const backend of [referenceBackend, wasmBackend]) {
      const s = place(init, backend === wasmBackend);
      backend.adamUpdate([arrays(s, g)], 0.1, 0.5, 0.5, 1e-7);
      expect(Array.from(s.v)).toEqual([0.02, 0.52, 0.04, NaN, 0.145].map(Math.fround));
      expect(Array.from(s.vHat)).toEqual([1, 0.52, 0.04, 0.5, 0.145].map(Math.fround));
      // w = 1 - 0.1 m / (sqrt(vHat) + eps), m = g / 2: the step divides by sqrt(vHat), not sqrt(v).
      expect(s.w[0]).toBe(1);
      expect(s.w[4]).toBeCloseTo(1 - (0.1 * 0.25) / Math.sqrt(0.145), 6);
      expect(s.w[1]).toBeCloseTo(1 - (0.1 * 0.5) / Math.sqrt(0.52), 6);
    }
  });
});
