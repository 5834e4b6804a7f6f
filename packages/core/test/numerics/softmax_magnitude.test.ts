// softmax / logSoftmax exact for logits of any magnitude: (x - max) - log(sum(exp(x - max))).
// Expected values are the closed forms (ties: -log(n); a gap of d >> 1: 0 and -d), rounded once
// to float32, so these check the kernel against the mathematics, not against its own formula.
import { logSoftmax, softmax, tensor } from '../../src';

const f = Math.fround;
const get = (t: { f32: Float32Array }): number[] => Array.from(t.f32);

describe('softmax and logSoftmax for logits of any magnitude', () => {
  it.each([1, 1e20, 1e30, 1e38, -1e38, 3.4e38])('two tied logits at %d give 1/2 and -log(2) exactly', (v) => {
    expect(get(softmax(tensor([[v, v]])))).toEqual([0.5, 0.5]);
    expect(get(logSoftmax(tensor([[v, v]])))).toEqual([f(-Math.LN2), f(-Math.LN2)]);
  });

  it('three tied huge logits give -log(3), and a tie beside a much smaller logit -log(2)', () => {
    expect(get(logSoftmax(tensor([[1e38, 1e38, 1e38]])))).toEqual(Array(3).fill(f(-Math.log(3))));
    expect(get(logSoftmax(tensor([[1e20, -1e20, 1e20]])))).toEqual([f(-Math.LN2), f(-2e20 - Math.LN2), f(-Math.LN2)]);
  });

  it('+-1e38: probability 1 and 0, log-probabilities 0 and -2e38', () => {
    const big = f(1e38);
    expect(get(softmax(tensor([[big, -big]])))).toEqual([1, 0]);
    expect(get(logSoftmax(tensor([[big, -big]])))).toEqual([0, f(-2 * big)]);
    // A gap past the float32 range rounds to -Infinity, as float32 TensorFlow does.
    expect(get(logSoftmax(tensor([[3e38, -3e38]])))).toEqual([0, -Infinity]);
  });

  it('one logit at -Infinity among huge ties: probability exactly 0', () => {
    expect(get(softmax(tensor([[-Infinity, 1e38, 1e38]])))).toEqual([0, 0.5, 0.5]);
    expect(get(logSoftmax(tensor([[1e30, -Infinity, 1e30]])))).toEqual([f(-Math.LN2), -Infinity, f(-Math.LN2)]);
  });

  it('along a middle axis too', () => {
    const x = tensor([[[1e30, 5], [1e30, -5]]]); // axis 1 holds the tie [1e30, 1e30] and [5, -5]
    const y = get(logSoftmax(x, 1));
    expect([y[0], y[2]]).toEqual([f(-Math.LN2), f(-Math.LN2)]);
    expect(y[1]).toBeCloseTo(-Math.log1p(Math.exp(-10)), 6);
  });
});
