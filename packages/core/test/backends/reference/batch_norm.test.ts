import { batchNormBackward, batchNormForward } from '../../../src/backends/reference/batch_norm';
import { expectAllClose, makeTestRng, randomFloats } from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-batch-norm');

/** Textbook batch norm in float64 over [rows, channels], forward and analytic backward. */
function naiveBatchNorm(x: Float32Array, dy: Float32Array, gamma: Float32Array, beta: Float32Array, c: number, eps: number) {
  const n = x.length / c;
  const mean = new Float64Array(c), variance = new Float64Array(c);
  for (let i = 0; i < x.length; i++) mean[i % c] += x[i] / n;
  for (let i = 0; i < x.length; i++) variance[i % c] += (x[i] - mean[i % c]) ** 2 / n;
  const xhat = x.map((v, i) => (v - mean[i % c]) / Math.sqrt(variance[i % c] + eps));
  const dBeta = new Float64Array(c), dGamma = new Float64Array(c);
  for (let i = 0; i < x.length; i++) {
    dBeta[i % c] += dy[i];
    dGamma[i % c] += dy[i] * xhat[i];
  }
  const y = xhat.map((h, i) => gamma[i % c] * h + beta[i % c]);
  const dx = dy.map((d, i) => {
    const j = i % c;
    return (gamma[j] / Math.sqrt(variance[j] + eps)) * (d - dBeta[j] / n - xhat[i] * (dGamma[j] / n));
  });
  return { y, mean, variance, dx, dGamma, dBeta };
}

describe('reference batch norm kernels', () => {
  // Channel counts 1, 3, 7, 33, 64 (scalar-only, vector + tail, whole vectors); odd row counts.
  it.each([[1, 9], [3, 17], [7, 5], [33, 31], [64, 12]])('match the float64 textbook formulas: %i channels, %i rows', (c, rows) => {
    const x = randomFloats(rng, rows * c, -2, 3);
    const dy = randomFloats(rng, rows * c);
    const gamma = randomFloats(rng, c, 0.5, 1.5);
    const beta = randomFloats(rng, c);
    const want = naiveBatchNorm(x, dy, gamma, beta, c, 1e-3);
    const fwd = batchNormForward(x, gamma, beta, c, 1e-3);
    expectAllClose(fwd.y, want.y, 1e-5);
    expectAllClose(fwd.mean, want.mean, 1e-6);
    expectAllClose(fwd.variance, want.variance, 1e-6);
    expectAllClose(fwd.invStd, want.variance.map((v) => 1 / Math.sqrt(v + 1e-3)), 1e-6);
    const bwd = batchNormBackward(x, dy, fwd.mean, fwd.invStd, gamma, c);
    expectAllClose(bwd.dx, want.dx, 1e-5);
    expectAllClose(bwd.dGamma, want.dGamma, 1e-5);
    expectAllClose(bwd.dBeta, want.dBeta, 1e-6);
  });

  it('treats null gamma and beta as ones and zeros', () => {
    const c = 5;
    const x = randomFloats(rng, 7 * c);
    const dy = randomFloats(rng, 7 * c);
    const ones = new Float32Array(c).fill(1);
    const fwd = batchNormForward(x, null, null, c, 1e-3);
    expect(fwd).toEqual(batchNormForward(x, ones, new Float32Array(c), c, 1e-3));
    expect(batchNormBackward(x, dy, fwd.mean, fwd.invStd, null, c)).toEqual(batchNormBackward(x, dy, fwd.mean, fwd.invStd, ones, c));
  });

  it('keeps the variance accurate for a large mean (two-pass statistics)', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => 10000 + (i % 2 ? 0.5 : -0.5));
    const { mean, variance } = batchNormForward(x, null, null, 1, 0);
    expect(mean[0]).toBe(10000);
    expect(variance[0]).toBeCloseTo(0.25, 6);
  });
});
