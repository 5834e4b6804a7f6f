import seedrandom from 'seedrandom';
import { referenceBackend, wasmBackend } from '../../src';
import { aleaFromSeed } from '../../src/alea';
import { expectBitIdentical } from '../helpers/wasm_setup';

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
});
