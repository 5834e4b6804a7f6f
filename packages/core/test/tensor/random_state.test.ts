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
  });
});
