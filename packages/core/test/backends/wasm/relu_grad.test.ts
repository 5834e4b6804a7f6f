import { getBackend, kernelScope, referenceBackend, setBackend, wasmBackend } from '../../../src';
import { makeTestRng } from '../../helpers/naive_kernels';
import { randomWithSpecials } from '../../helpers/special_values';
import { expectBitIdentical, withSettings } from '../../helpers/wasm_setup';

// The masking kernel viewed as rows of 64, 16 or 4 values (4096, 4112, 4100), the reference below
// its threshold or without such a width (4095, 4099), and the pool (2^17 + 64). dy and y carry NaN,
// +-Infinity, -0 and denormals: y > 0 is false for NaN and -0, and a kept dy keeps its bits.
const SIZES = [4095, 4096, 4099, 4100, 4112, 131_136];
const EXTREMES = [NaN, Infinity, -Infinity, -0, 0, 1e-40, -3e-39, 1.4e-45, 3e38];

describe('wasm reluGrad (dy where y > 0, +0 elsewhere)', () => {
  it.each(SIZES)('on %i values gives the reference\'s bits on 1, 2 and 3 threads', (n) => {
    const rng = makeTestRng(`relu${n}`);
    const dy = randomWithSpecials(rng, n, 0.05, EXTREMES, 10).map((v, i) => (i % 97 === 0 ? NaN : v)); // NaN dy kept where y > 0
    const y = randomWithSpecials(rng, n, 0.05, EXTREMES, 1);
    const before = dy.slice();
    const want = referenceBackend.reluGrad(dy, y);
    for (const threads of [1, 2, 3]) {
      withSettings('wasmsimd', threads, () => expectBitIdentical(wasmBackend.reluGrad(dy, y), want));
    }
    expectBitIdentical(dy, before);
  });

  it('runs the kernel (its result is a view of the wasm heap inside a kernel scope) exactly where a row width divides the size', () => {
    const previous = getBackend().name;
    setBackend('wasm'); // the scope is the active backend's (the suite also runs with the reference active)
    try {
      for (const n of SIZES) {
        const dy = new Float32Array(n).fill(1), y = new Float32Array(n).fill(1);
        const inHeap = kernelScope(() => wasmBackend.reluGrad(dy, y).buffer instanceof SharedArrayBuffer);
        expect({ n, inHeap }).toEqual({ n, inHeap: n !== 4095 && n !== 4099 });
      }
    } finally {
      setBackend(previous);
    }
  });
});
