// Seeded random cross-backend test: every wasm kernel against the reference on random shapes and
// values that include NaN, +-Infinity, denormals and -0. Finite results agree within a tolerance
// (the backends sum in different orders and precisions), non-finite ones exactly. The
// elementwise, reduce and transpose kernels are shared by both backends and covered by
// non_finite.test.ts.
import { referenceBackend, wasmBackend, type Conv2dInfo, type FusedActivation } from '../../src';
import {
  conv2dFilterSize, conv2dInputSize, conv2dOutputSize, makeConv2dInfo, makePool2dInfo, makeTestRng, pool2dInputSize,
  pool2dOutputSize, type Rng,
} from '../helpers/naive_kernels';
import { expectAgree, randomWithSpecials } from '../helpers/special_values';
import { VARIANTS, withSettings } from '../helpers/wasm_setup';
import { convFilterGrad, convInputGrad } from '../helpers/conv_grads';

const CASES_PER_KERNEL = 25;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
/** Half the cases have no specials at all, the rest 1 % or 20 % of them. */
const values = (rng: Rng, n: number): Float32Array => randomWithSpecials(rng, n, pick(rng, [0, 0, 0.01, 0.2]));

function randomConv(rng: Rng): Conv2dInfo {
  // A third of the cases have the shape the wasm backend runs with Winograd (3x3, stride 1, 8+
  // channels in and out), whose tiles must not spread a non-finite value to its neighbours.
  if (rng() < 1 / 3) {
    return makeConv2dInfo({
      batch: int(rng, 1, 2), inHeight: int(rng, 3, 11), inWidth: int(rng, 3, 11), inChannels: int(rng, 8, 12), outChannels: int(rng, 8, 12),
      kernelHeight: 3, kernelWidth: 3, padding: pick(rng, ['valid', 'same'] as const),
    });
  }
  const kernel = int(rng, 1, 3);
  const dilation = int(rng, 1, 2);
  const inSize = int(rng, (kernel - 1) * dilation + 1, 9);
  return makeConv2dInfo({
    batch: int(rng, 1, 2), inHeight: inSize, inWidth: int(rng, (kernel - 1) * dilation + 1, 9),
    inChannels: int(rng, 1, 6), outChannels: int(rng, 1, 10), kernelHeight: kernel, kernelWidth: int(rng, 1, kernel),
    strides: [int(rng, 1, 2), int(rng, 1, 2)], dilations: [dilation, 1], padding: pick(rng, ['valid', 'same'] as const),
  });
}

const KERNELS: Record<string, (rng: Rng) => void> = {
  matMul(rng) {
    const [batch, m, n, k] = [int(rng, 1, 3), int(rng, 1, 40), int(rng, 1, 40), int(rng, 1, 300)];
    const [ta, tb, shareB] = [rng() < 0.5, rng() < 0.5, rng() < 0.3];
    const a = values(rng, batch * m * k);
    const b = values(rng, (shareB ? 1 : batch) * k * n);
    const bias = rng() < 0.5 ? values(rng, n) : null;
    const act: FusedActivation = pick(rng, ['relu', 'linear']);
    expectAgree(wasmBackend.matMul(a, b, batch, m, n, k, ta, tb, bias, act), referenceBackend.matMul(a, b, batch, m, n, k, ta, tb, bias, act));
  },
  conv2d(rng) {
    const info = randomConv(rng);
    const x = values(rng, conv2dInputSize(info));
    const w = values(rng, conv2dFilterSize(info));
    const bias = rng() < 0.5 ? values(rng, info.outChannels) : null;
    const act: FusedActivation = pick(rng, ['relu', 'linear']);
    expectAgree(wasmBackend.conv2d(x, w, info, bias, act), referenceBackend.conv2d(x, w, info, bias, act));
  },
  conv2dGradients(rng) {
    const info = randomConv(rng);
    const x = values(rng, conv2dInputSize(info));
    const w = values(rng, conv2dFilterSize(info));
    const dy = values(rng, conv2dOutputSize(info));
    expectAgree(convInputGrad(wasmBackend, dy, w, info), convInputGrad(referenceBackend, dy, w, info));
    expectAgree(convFilterGrad(wasmBackend, x, dy, info), convFilterGrad(referenceBackend, x, dy, info));
    const act: FusedActivation = pick(rng, ['relu', 'linear']);
    const y = act === 'relu' ? referenceBackend.conv2d(x, w, info, null, 'relu') : null;
    const need = { input: rng() < 0.7, filter: rng() < 0.7, bias: rng() < 0.7 };
    const got = wasmBackend.conv2dBackward(x, w, dy, y, info, need, act);
    const want = referenceBackend.conv2dBackward(x, w, dy, y, info, need, act);
    for (const key of ['dx', 'dw', 'db'] as const) {
      if (want[key] === null) expect(got[key]).toBeNull();
      else expectAgree(got[key] as Float32Array, want[key] as Float32Array);
    }
  },
  batchNorm(rng) {
    const c = int(rng, 1, 13);
    const x = values(rng, int(rng, 1, 50) * c);
    const gamma = rng() < 0.7 ? values(rng, c) : null;
    const beta = rng() < 0.7 ? values(rng, c) : null;
    const want = referenceBackend.batchNormForward(x, gamma, beta, c, 1e-3);
    const got = wasmBackend.batchNormForward(x, gamma, beta, c, 1e-3);
    for (const key of ['y', 'mean', 'variance', 'invStd'] as const) expectAgree(got[key], want[key]);
    const dy = values(rng, x.length);
    const gWant = referenceBackend.batchNormBackward(x, dy, want.mean, want.invStd, gamma, c);
    const gGot = wasmBackend.batchNormBackward(x, dy, want.mean, want.invStd, gamma, c);
    for (const key of ['dx', 'dGamma', 'dBeta'] as const) expectAgree(gGot[key], gWant[key]);
  },
  maxPool2d(rng) {
    const pool = int(rng, 1, 3);
    const info = makePool2dInfo({
      batch: int(rng, 1, 2), inHeight: int(rng, pool, 9), inWidth: int(rng, pool, 9), channels: int(rng, 1, 9),
      poolHeight: pool, poolWidth: int(rng, 1, pool), strides: [int(rng, 1, 3), int(rng, 1, 3)], padding: pick(rng, ['valid', 'same'] as const),
    });
    const x = values(rng, pool2dInputSize(info));
    const got = wasmBackend.maxPool2d(x, info);
    const want = referenceBackend.maxPool2d(x, info);
    expectAgree(got.y, want.y, 0);
    expect(got.argmax).toEqual(want.argmax);
    const dy = values(rng, pool2dOutputSize(info));
    expectAgree(wasmBackend.maxPool2dGrad(dy, got.argmax, info), referenceBackend.maxPool2dGrad(dy, want.argmax, info), 0);
  },
  avgPool2d(rng) {
    const pool = int(rng, 1, 3);
    const info = makePool2dInfo({
      batch: int(rng, 1, 2), inHeight: int(rng, pool, 9), inWidth: int(rng, pool, 9), channels: int(rng, 1, 9),
      poolHeight: pool, poolWidth: int(rng, 1, pool), strides: [int(rng, 1, 3), int(rng, 1, 3)], padding: pick(rng, ['valid', 'same'] as const),
    });
    const x = values(rng, pool2dInputSize(info));
    expectAgree(wasmBackend.avgPool2d(x, info), referenceBackend.avgPool2d(x, info), 0);
    const dy = values(rng, pool2dOutputSize(info));
    expectAgree(wasmBackend.avgPool2dGrad(dy, info), referenceBackend.avgPool2dGrad(dy, info), 0);
  },
};

describe.each(VARIANTS)('wasm (%s) agrees with the reference on random inputs with special values', (variant) => {
  it.each(Object.keys(KERNELS))('%s', (name) => {
    const rng = makeTestRng(`random-ops/${name}`);
    withSettings(variant, 2, () => {
      for (let i = 0; i < CASES_PER_KERNEL; i++) KERNELS[name](rng);
    });
  });
});
