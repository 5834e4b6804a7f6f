import { makeRng, makeStatefulRng, restoreRng, ValueError } from '../../src';

describe('stateful generators', () => {
  test('with a seed they draw what makeRng draws', () => {
    const a = makeStatefulRng(5);
    const b = makeRng(5);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  test('a restored state continues the sequence exactly', () => {
    const a = makeStatefulRng('s');
    a();
    const saved = a.state();
    const next = [a(), a()];
    const b = restoreRng(JSON.parse(JSON.stringify(saved)));
    expect([b(), b()]).toEqual(next);
  });

  test('a malformed state is refused', () => {
    expect(() => restoreRng({ c: 0.5, s0: 0, s1: 0, s2: 0 })).toThrow(ValueError);
    expect(() => restoreRng({ c: 1, s0: 0, s1: 1, s2: 0 })).toThrow(ValueError);
  });

  test('a carry no Alea state reaches is refused (it would trap the wasm kernels\' 32-bit truncation)', () => {
    expect(() => restoreRng({ c: 2091640, s0: 0.5, s1: 0.5, s2: 0.5 })).toThrow(/c \(an integer in \[0, 2091639\]\)/);
    expect(() => restoreRng({ c: 2 ** 40, s0: 0.5, s1: 0.5, s2: 0.5 })).toThrow(ValueError);
    expect(() => restoreRng({ c: -1, s0: 0.5, s1: 0.5, s2: 0.5 })).toThrow(ValueError);
    const edge = restoreRng({ c: 2091639, s0: 0.999, s1: 0.5, s2: 0.25 });
    expect(edge()).toBeGreaterThanOrEqual(0);
  });

  test('the largest carry is reachable in no more than the bound: 100000 draws from random seeds stay within it', () => {
    for (const seed of ['a', 'b', 'c']) {
      const rng = makeStatefulRng(seed);
      let max = 0;
      for (let i = 0; i < 100000; i++) {
        rng();
        max = Math.max(max, rng.state().c);
      }
      expect(max).toBeLessThanOrEqual(2091639);
      expect(max).toBeGreaterThan(2091639 * 0.99); // the bound is tight, not a guess
    }
  });
});
