import seedrandom from 'seedrandom';
import { referenceBackend, wasmBackend } from '../../src';
import { aleaFromSeed, aleaJump } from '../../src/alea';
import { expectBitIdentical, withSettings } from '../helpers/wasm_setup';

describe('the Alea generator and the dropout-mask kernels', () => {
  it('draws exactly what seedrandom\'s alea draws, and its state round-trips', () => {
    for (const seed of ['1', 'strata', '3:17']) {
      const ours = aleaFromSeed(seed);
      const theirs = seedrandom.alea(seed);
      for (let i = 0; i < 1000; i++) expect(ours()).toBe(theirs());
      const copy = aleaFromSeed('other');
      copy.setState(ours.state());
      for (let i = 0; i < 10; i++) expect(copy()).toBe(ours());
    }
  });

  it('jumps k draws ahead to exactly the state seedrandom\'s alea reaches by drawing k times', () => {
    for (const seed of ['1', 'jump']) {
      for (const k of [0, 1, 2, 3, 4, 5, 99, 4097, 65_536]) {
        const theirs = seedrandom.alea(seed, { state: true });
        for (let i = 0; i < k; i++) theirs();
        const jumped = aleaJump(k)(aleaFromSeed(seed).state());
        expect(jumped).toEqual(theirs.state());
        const ours = aleaFromSeed('other');
        ours.setState(jumped);
        for (let i = 0; i < 5; i++) expect(ours()).toBe(theirs());
      }
    }
    expect(() => aleaJump(-1)).toThrow(RangeError);
    expect(() => aleaJump(3)({ c: 1, s0: 0.3, s1: 0.5, s2: 0.7 })).toThrow(RangeError);
  });

  it.each([['reference', referenceBackend], ['wasm', wasmBackend]] as const)(
    '%s: the mask follows the generator\'s draws in order and returns the state after them', (_name, backend) => {
      const keep = 0.75;
      const rng = seedrandom.alea('mask', { state: true });
      const draws = Array.from({ length: 1001 }, () => rng());
      const expected = Float32Array.from(draws, (u) => (u < keep ? 1 / keep : 0));
      const start = aleaFromSeed('mask');
      const { mask, state } = backend.dropoutMask(1001, keep, 1 / keep, start.state());
      expectBitIdentical(Float32Array.from(mask), expected);
      const after = aleaFromSeed('x');
      after.setState(state);
      expect(after()).toBe(rng());
    });

  it('wasm: a state no seed reaches (0.3 is no multiple of 2^-32) still draws in order, on one stream', () => {
    const state = { c: 1, s0: 0.3, s1: 0.5, s2: 0.7 };
    const want = referenceBackend.dropoutMask(300_001, 0.5, 2, state);
    withSettings('wasmsimd', 2, () => {
      const got = wasmBackend.dropoutMask(300_001, 0.5, 2, state);
      expectBitIdentical(Float32Array.from(got.mask), want.mask);
      expect(got.state).toEqual(want.state);
    });
  });

  // The wasm kernel cuts the sequence into 4 streams per task, up to 16 tasks: sizes below, at and
  // beyond one task, with short and empty last streams, drawn on 1, 2 and 3 threads.
  it.each([0, 1, 2, 3, 5, 7, 4096, 65_537, 262_147, 1_100_003])('wasm: a %i-value mask is the sequential one on 1, 2 and 3 threads', (size) => {
    const keep = 0.6;
    const want = referenceBackend.dropoutMask(size, keep, 1 / keep, aleaFromSeed(`m${size}`).state());
    for (const threads of [1, 2, 3]) {
      withSettings('wasmsimd', threads, () => {
        const got = wasmBackend.dropoutMask(size, keep, 1 / keep, aleaFromSeed(`m${size}`).state());
        expectBitIdentical(Float32Array.from(got.mask), want.mask);
        expect(got.state).toEqual(want.state);
      });
    }
  });
});
