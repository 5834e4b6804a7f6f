import { layerNormBackward, layerNormForward } from '../../../src/backends/reference/layer_norm';
import { expectAllClose, makeTestRng, naiveLayerNorm, naiveLayerNormGrad, randomFloats } from '../../helpers/naive_kernels';

const rng = makeTestRng('reference-layer-norm');

describe('reference layerNorm', () => {
  // Feature counts below, at and around the 4-wide vectors: 1, 3, 4, 7, 13, 64.
  it.each([[5, 1], [3, 3], [4, 4], [6, 7], [2, 13], [3, 64]])('%i rows x %i features match the float64 oracle, forward and backward', (rows, n) => {
    const x = randomFloats(rng, rows * n, -2, 3);
    const gamma = randomFloats(rng, n), beta = randomFloats(rng, n);
    const eps = 1e-3;
    const got = layerNormForward(x, gamma, beta, n, eps);
    const want = naiveLayerNorm(x, gamma, beta, n, eps);
    expectAllClose(got.y, want.y, 1e-5);
    expectAllClose(got.mean, want.mean, 1e-6);
    expectAllClose(got.invStd, want.invStd, 1e-6);
    const dy = randomFloats(rng, x.length);
    const g = layerNormBackward(x, dy, got.mean, got.invStd, gamma, n);
    const wantG = naiveLayerNormGrad(x, dy, gamma, n, eps);
    expectAllClose(g.dx, wantG.dx, 1e-4);
    expectAllClose(g.dGamma, wantG.dGamma, 1e-5);
    expectAllClose(g.dBeta, wantG.dBeta, 1e-6);
  });

  it('null gamma and beta are ones and zeros', () => {
    const x = randomFloats(rng, 12);
    const ones = new Float32Array(6).fill(1), zeros = new Float32Array(6);
    expect(layerNormForward(x, null, null, 6, 1e-3)).toEqual(layerNormForward(x, ones, zeros, 6, 1e-3));
  });
});
