import seedrandom from 'seedrandom';
import { gaussianNoise, ones, referenceBackend, wasmBackend } from '../../src';
import { aleaFromSeed } from '../../src/alea';

describe('the normalNoise kernels (GaussianNoise)', () => {
  it.each([['reference', referenceBackend], ['wasm', wasmBackend]] as const)(
    '%s: Box-Muller over seedrandom\'s alea draws in order, and the state after them', (_name, backend) => {
      // The transform written out against seedrandom's own generator: r cos(2 pi v), then r sin(2 pi v).
      const theirs = seedrandom.alea('noise', { state: true });
      const want: number[] = [];
      while (want.length < 1000) {
        let u = 0;
        while (u === 0) u = theirs();
        const v = theirs();
        const r = Math.sqrt(-2 * Math.log(u));
        want.push(0.3 * (r * Math.cos(2 * Math.PI * v)), 0.3 * (r * Math.sin(2 * Math.PI * v)));
      }
      const { noise, state } = backend.normalNoise(1000, 0.3, aleaFromSeed('noise').state());
      expect(noise).toEqual(Float32Array.from(want));
      expect(state).toEqual(theirs.state());
    });

  it('the wasm backend gives the reference\'s bits; an odd count drops the last spare', () => {
    const start = aleaFromSeed('odd').state();
    const a = wasmBackend.normalNoise(7, 1, start), b = referenceBackend.normalNoise(7, 1, start);
    expect(a).toEqual(b);
    // 7 values use 4 pairs: 8 uniform draws (no u was 0 here).
    const rng = aleaFromSeed('odd');
    for (let i = 0; i < 8; i++) rng();
    expect(a.state).toEqual(rng.state());
  });

  it('gaussianNoise: seeded, moments near (0, stddev), identity gradient', () => {
    const x = ones([200, 50]);
    x.requiresGrad = true;
    const y = gaussianNoise(x, 0.5, { seed: 3 });
    expect(Array.from(gaussianNoise(ones([200, 50]), 0.5, { seed: 3 }).dataSync())).toEqual(Array.from(y.dataSync()));
    const v = Array.from(y.dataSync(), (t) => t - 1);
    const mean = v.reduce((s, t) => s + t, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, t) => s + (t - mean) ** 2, 0) / v.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.02);
    y.backward(ones([200, 50]));
    expect(Array.from(x.grad!.dataSync()).every((g) => g === 1)).toBe(true);
  });
});
