// NaN and +-Infinity through every kernel and op, on both backends, as TensorFlow: relu(NaN) = NaN
// in the op and in every fused epilogue, a max-pool window holding NaN gives NaN (its gradient goes
// to the NaN), and the wasm kernels agree with the reference on every non-finite value exactly.
import {
  avgPool2d, getBackend, logSoftmax, matMul, maxPool2d, referenceBackend, relu, setBackend, softmax, tensor, wasmBackend,
  type Backend, type Conv2dInfo, type FusedActivation, type Tensor,
} from '../../src';
import type { BinaryKernel, UnaryKernel } from '../../src/backends/backend';
import {
  conv2dFilterSize, conv2dInputSize, conv2dOutputSize, makeConv2dInfo, makePool2dInfo, makeTestRng, naiveConv2d, naiveMatMul,
} from '../helpers/naive_kernels';
import { expectAgree, nonFiniteAt, randomWithSpecials, withValuesAt } from '../helpers/special_values';
import { VARIANTS, randomArray, withSettings } from '../helpers/wasm_setup';
import { convFilterGrad, convInputGrad } from '../helpers/conv_grads';

const BACKENDS: Array<[string, Backend]> = [['reference', referenceBackend], ['wasm', wasmBackend]];

/** Runs `body` with each backend active, restoring the one that was. */
function onEachBackend(body: (name: string) => void): void {
  const before = getBackend().name;
  try {
    for (const [name] of BACKENDS) {
      setBackend(name);
      body(name);
    }
  } finally {
    setBackend(before);
  }
}

const values = (t: Tensor): number[] => Array.from(t.f32);

describe('relu keeps NaN', () => {
  it('in the op, on both backends', () => {
    onEachBackend(() => {
      const y = relu(tensor([NaN, -1, 2, -Infinity, Infinity, 0]));
      expect(values(y)).toEqual([NaN, 0, 2, 0, Infinity, 0]);
    });
  });

  it('in the fused matMul epilogue: a NaN input row stays NaN, an Inf stays Inf', () => {
    onEachBackend(() => {
      const a = tensor([[NaN, 1], [Infinity, 1], [-Infinity, 1], [1, 1]]);
      const w = tensor([[1, -1, 0.5], [1, 1, 1]]);
      const y = matMul(a, w, { bias: tensor([0, 0, 0]), activation: 'relu' });
      expect(values(y)).toEqual([NaN, NaN, NaN, Infinity, 0, Infinity, 0, Infinity, 0, 2, 0, 1.5]);
    });
  });

  // Every tile of the wasm GEMM (4x8 body, row and column edges) and both micro-kernel builds.
  it.each(VARIANTS)('in every tile of the %s GEMM, as the reference and the naive oracle', (variant) => {
    const rng = makeTestRng('relu-gemm');
    for (const [m, n, k] of [[1, 1, 1], [5, 9, 3], [13, 17, 300]]) {
      const a = withValuesAt(randomWithSpecials(rng, m * k, 0.05, [NaN, Infinity, -Infinity]), { 0: NaN });
      const b = randomArray(k * n, `b${m}`);
      const bias = randomWithSpecials(rng, n, 0.2, [NaN]);
      for (const act of ['relu', 'linear'] as FusedActivation[]) {
        const want = naiveMatMul(a, b, 1, m, n, k, false, false, bias, act);
        expect(nonFiniteAt(want).length).toBeGreaterThan(0);
        expectAgree(referenceBackend.matMul(a, b, 1, m, n, k, false, false, bias, act), want);
        withSettings(variant, 2, () => expectAgree(wasmBackend.matMul(a, b, 1, m, n, k, false, false, bias, act), want));
      }
    }
  });

  it.each(VARIANTS)('in the fused conv2d epilogue (%s), as the naive oracle', (variant) => {
    const info = makeConv2dInfo({ batch: 2, inHeight: 6, inWidth: 7, inChannels: 3, outChannels: 9, kernelHeight: 3, kernelWidth: 3, padding: 'valid' });
    const x = withValuesAt(randomArray(conv2dInputSize(info), 'cx'), { 4: NaN, 40: Infinity, 100: -Infinity });
    const w = randomArray(conv2dFilterSize(info), 'cw');
    const bias = randomArray(info.outChannels, 'cb');
    const want = naiveConv2d(x, w, info, bias, 'relu');
    expect(want.some(Number.isNaN)).toBe(true);
    expectAgree(referenceBackend.conv2d(x, w, info, bias, 'relu'), want);
    withSettings(variant, 2, () => expectAgree(wasmBackend.conv2d(x, w, info, bias, 'relu'), want));
  });
});

describe('max pool with NaN', () => {
  const info = makePool2dInfo({ batch: 1, inHeight: 4, inWidth: 4, channels: 5, poolHeight: 2, poolWidth: 2, padding: 'valid' });
  // Channel 1 (vector body) and channel 4 (scalar tail) hold a NaN in the first window, behind a
  // larger value; channel 2 holds +Infinity and channel 3 -Infinity everywhere in it.
  const x = randomArray(80, 'pool');
  const at = (r: number, c: number, ch: number): number => (r * 4 + c) * 5 + ch;
  Object.assign(x, { [at(0, 0, 1)]: 9, [at(1, 1, 1)]: NaN, [at(0, 1, 4)]: NaN, [at(1, 0, 4)]: 9, [at(0, 1, 2)]: Infinity });
  for (const [r, c] of [[0, 0], [0, 1], [1, 0], [1, 1]]) x[at(r, c, 3)] = -Infinity;

  it.each(BACKENDS)('gives NaN for the window and routes its gradient to the NaN (%s)', (_name, backend) => {
    const { y, argmax } = backend.maxPool2d(x, info);
    expect(Array.from(y.subarray(0, 5)).slice(1)).toEqual([NaN, Infinity, -Infinity, NaN]);
    expect(Array.from(argmax.subarray(1, 5))).toEqual([at(1, 1, 1), at(0, 1, 2), at(0, 0, 3), at(0, 1, 4)]);
    const dx = backend.maxPool2dGrad(new Float32Array(y.length).fill(1), argmax, info);
    expect(dx[at(1, 1, 1)]).toBe(1);
    expect(dx[at(0, 0, 1)]).toBe(0);
  });

  it('through the op, on both backends', () => {
    onEachBackend(() => {
      const y = maxPool2d(tensor([[[[1], [NaN]], [[3], [2]]]]));
      expect(values(y)).toEqual([NaN]);
    });
  });
});

describe('average pool with non-finite inputs, as TensorFlow', () => {
  it('a NaN makes its window NaN, Infinity stays, +Infinity with -Infinity is NaN; the gradient stays finite (both backends)', () => {
    onEachBackend(() => {
      const x = tensor([[[[NaN], [1]], [[2], [3]]], [[[Infinity], [1]], [[2], [3]]], [[[Infinity], [-Infinity]], [[2], [3]]]], undefined, { requiresGrad: true });
      const y = avgPool2d(x);
      expect(values(y)).toEqual([NaN, Infinity, NaN]);
      y.backward(tensor([[[[4]]], [[[8]]], [[[-4]]]]));
      expect(values(x.grad!)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, -1, -1, -1, -1]);
    });
  });
});

describe('softmax and logSoftmax with non-finite logits, as TensorFlow', () => {
  it('one logit at -Infinity gets probability 0 and log-probability -Infinity', () => {
    expect(values(softmax(tensor([[-Infinity, 0, 0]])))).toEqual([0, 0.5, 0.5]);
    expect(values(logSoftmax(tensor([[-Infinity, 0, 0]])))).toEqual([-Infinity, Math.fround(-Math.LN2), Math.fround(-Math.LN2)]);
  });

  it('a NaN or +Infinity logit makes the whole row NaN, and leaves other rows alone', () => {
    expect(values(softmax(tensor([[NaN, 1], [Infinity, 1], [0, 0]])))).toEqual([NaN, NaN, NaN, NaN, 0.5, 0.5]);
  });
});

describe('elementwise kernels on special values (IEEE and TensorFlow semantics)', () => {
  const x = new Float32Array([NaN, Infinity, -Infinity, 0, -0]);
  // Expected per op for x = [NaN, +Inf, -Inf, +0, -0].
  const UNARY: Record<UnaryKernel, number[]> = {
    neg: [NaN, -Infinity, Infinity, -0, 0],
    exp: [NaN, Infinity, 0, 1, 1],
    log: [NaN, Infinity, NaN, -Infinity, -Infinity],
    sqrt: [NaN, Infinity, NaN, 0, -0],
    square: [NaN, Infinity, Infinity, 0, 0],
    abs: [NaN, Infinity, Infinity, 0, 0],
    relu: [NaN, Infinity, 0, 0, -0],
    sigmoid: [NaN, 1, 0, 0.5, 0.5],
    tanh: [NaN, 1, -1, 0, -0],
    sign: [NaN, 1, -1, 0, -0],
    reciprocal: [NaN, 0, -0, Infinity, -Infinity],
  };
  it.each(BACKENDS)('unary (%s)', (_name, backend) => {
    for (const [op, want] of Object.entries(UNARY)) {
      expect({ op, got: Array.from(backend.unary(op as UnaryKernel, x)) }).toEqual({ op, got: want });
    }
  });

  // a = [NaN, 1, Inf, -Inf, Inf], b = [1, NaN, Inf, Inf, 0].
  const a = new Float32Array([NaN, 1, Infinity, -Infinity, Infinity]);
  const b = new Float32Array([1, NaN, Infinity, Infinity, 0]);
  const BINARY: Record<BinaryKernel, number[]> = {
    add: [NaN, NaN, Infinity, NaN, Infinity],
    sub: [NaN, NaN, NaN, -Infinity, Infinity],
    mul: [NaN, NaN, Infinity, -Infinity, NaN],
    div: [NaN, NaN, NaN, NaN, Infinity],
    // C's (and TensorFlow's) pow(1, y) = 1 for every y, NaN included; JavaScript's Math.pow says NaN.
    pow: [NaN, 1, Infinity, Infinity, 1],
    // tf.maximum / tf.minimum propagate NaN from either side.
    maximum: [NaN, NaN, Infinity, Infinity, Infinity],
    minimum: [NaN, NaN, Infinity, -Infinity, 0],
    greaterEqual: [0, 0, 1, 0, 1],
    equal: [0, 0, 1, 0, 0],
  };
  it.each(BACKENDS)('binary (%s)', (_name, backend) => {
    for (const [op, want] of Object.entries(BINARY)) {
      const got = Array.from(backend.binary(op as BinaryKernel, a, [5], b, [5], [5]));
      expect({ op, got }).toEqual({ op, got: want });
    }
  });

  it.each(BACKENDS)('reductions: NaN wins max and min, Inf - Inf sums to NaN (%s)', (_name, backend) => {
    const rows = new Float32Array([NaN, 1, 2, /**/ 1, Infinity, -Infinity, /**/ -Infinity, -Infinity, 3]);
    expect(Array.from(backend.reduce('max', rows, 3, 3, 1))).toEqual([NaN, Infinity, 3]);
    expect(Array.from(backend.reduce('min', rows, 3, 3, 1))).toEqual([NaN, -Infinity, -Infinity]);
    expect(Array.from(backend.reduce('sum', rows, 3, 3, 1))).toEqual([NaN, NaN, -Infinity]);
  });
});

describe('wasm agrees with the reference on every non-finite value of every heavy kernel', () => {
  const conv = (padding: 'valid' | 'same', strides = 1): Conv2dInfo => makeConv2dInfo({
    batch: 2, inHeight: 7, inWidth: 6, inChannels: 5, outChannels: 11, kernelHeight: 3, kernelWidth: 3, strides, padding,
  });
  const special = (n: number, seed: string): Float32Array => randomWithSpecials(makeTestRng(seed), n, 0.02);

  it.each(VARIANTS)('conv2d forward, input grad, filter grad and fused backward (%s)', (variant) => {
    for (const info of [conv('valid'), conv('same', 2)]) {
      const x = special(conv2dInputSize(info), 'x');
      const w = special(conv2dFilterSize(info), 'w');
      const dy = special(conv2dOutputSize(info), 'dy');
      const bias = special(info.outChannels, 'bias');
      withSettings(variant, 2, () => {
        for (const act of ['relu', 'linear'] as FusedActivation[]) {
          const y = referenceBackend.conv2d(x, w, info, bias, act);
          expect(nonFiniteAt(y).length).toBeGreaterThan(0);
          expectAgree(wasmBackend.conv2d(x, w, info, bias, act), y);
          const need = { input: true, filter: true, bias: true };
          const want = referenceBackend.conv2dBackward(x, w, dy, y, info, need, act);
          const got = wasmBackend.conv2dBackward(x, w, dy, y, info, need, act);
          expectAgree(got.dx as Float32Array, want.dx as Float32Array);
          expectAgree(got.dw as Float32Array, want.dw as Float32Array);
          expectAgree(got.db as Float32Array, want.db as Float32Array);
        }
        expectAgree(convInputGrad(wasmBackend, dy, w, info), convInputGrad(referenceBackend, dy, w, info));
        expectAgree(convFilterGrad(wasmBackend, x, dy, info), convFilterGrad(referenceBackend, x, dy, info));
      });
    }
  });

  it('batch norm forward and backward: a channel holding NaN or Inf is NaN, the others finite', () => {
    const c = 6;
    const x = randomArray(40 * c, 'bn');
    Object.assign(x, { [c + 1]: NaN, [2 * c + 3]: Infinity });
    const gamma = randomArray(c, 'g');
    const beta = randomArray(c, 'b');
    const want = referenceBackend.batchNormForward(x, gamma, beta, c, 1e-3);
    const got = wasmBackend.batchNormForward(x, gamma, beta, c, 1e-3);
    expect(Array.from(want.mean, Number.isNaN)).toEqual([false, true, false, false, false, false]);
    expect(Array.from(want.variance, Number.isNaN)).toEqual([false, true, false, true, false, false]);
    for (const key of ['y', 'mean', 'variance', 'invStd'] as const) expectAgree(got[key], want[key]);
    const dy = randomArray(x.length, 'bndy');
    const gWant = referenceBackend.batchNormBackward(x, dy, want.mean, want.invStd, gamma, c);
    const gGot = wasmBackend.batchNormBackward(x, dy, want.mean, want.invStd, gamma, c);
    for (const key of ['dx', 'dGamma', 'dBeta'] as const) expectAgree(gGot[key], gWant[key]);
  });

  it.each(VARIANTS)('batched and transposed matMul (%s)', (variant) => {
    const [batch, m, n, k] = [3, 9, 10, 20];
    const a = special(batch * m * k, 'ma');
    const b = special(batch * k * n, 'mb');
    withSettings(variant, 2, () => {
      for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
        const want = referenceBackend.matMul(a, b, batch, m, n, k, ta, tb);
        expect(nonFiniteAt(want).length).toBeGreaterThan(0);
        expectAgree(wasmBackend.matMul(a, b, batch, m, n, k, ta, tb), want);
      }
    });
  });
});
