import { BackendError, referenceBackend, wasmBackend } from '../../../src';
import { PARALLEL_MIN_MACS } from '../../../src/backends/wasm/gemm';
import { JOB_OFFSET } from '../../../src/backends/wasm/heap';
import { OP_FAULT, OP_GEMM } from '../../../src/backends/wasm/job_layout';
import { WorkerPool } from '../../../src/backends/wasm/pool';
import { wasmApi } from '../../../src/backends/wasm/wasm_api';
import { getRuntime } from '../../../src/backends/wasm/runtime';
import { expectAllClose, makeConv2dInfo } from '../../helpers/naive_kernels';
import { VARIANTS, expectBitIdentical, randomArray, withSettings } from '../../helpers/wasm_setup';
import { convFilterGrad, convInputGrad } from '../../helpers/conv_grads';

// Big enough to run in parallel (>= PARALLEL_MIN_MACS multiply-adds), with reductions longer
// than one 256-deep K block in all three conv kernels (K = 288, 270 and 288).
const conv = makeConv2dInfo({
  batch: 8, inHeight: 17, inWidth: 15, inChannels: 32, outChannels: 30, kernelHeight: 3, kernelWidth: 3, strides: 2, padding: 'same',
});
const x = randomArray(conv.batch * conv.inHeight * conv.inWidth * conv.inChannels, 'x');
const w = randomArray(9 * conv.inChannels * conv.outChannels, 'w');
const dy = randomArray(conv.batch * conv.outHeight * conv.outWidth * conv.outChannels, 'dy');
const bias = randomArray(conv.outChannels, 'bias');
const [m, n, k] = [150, 70, 300];
const a = randomArray(2 * m * k, 'a');
const b = randomArray(k * n, 'b');
const matBias = randomArray(n, 'mb');

const pixelsOut = conv.batch * conv.outHeight * conv.outWidth;
const taps = conv.kernelHeight * conv.kernelWidth;
// [name, multiply-adds of its GEMM, run]
const kernels: Array<[string, number, () => Float32Array]> = [
  ['matMul', 2 * m * n * k, () => wasmBackend.matMul(a, b, 2, m, n, k, false, false, matBias, 'relu')],
  ['conv2d', pixelsOut * taps * conv.inChannels * conv.outChannels, () => wasmBackend.conv2d(x, w, conv, bias, 'relu')],
  ['conv2dInputGrad', conv.batch * conv.inHeight * conv.inWidth * taps * conv.outChannels * conv.inChannels,
    () => convInputGrad(wasmBackend, dy, w, conv)],
  ['conv2dFilterGrad', pixelsOut * taps * conv.inChannels * conv.outChannels, () => convFilterGrad(wasmBackend, x, dy, conv)],
];

it('compares bits, so -0 differs from +0', () => {
  expect(() => expectBitIdentical(Float32Array.of(1, -0), Float32Array.of(1, 0))).toThrow(/"value": -0/);
});

describe.each(VARIANTS)('wasm threads (%s)', (variant) => {
  it.each(kernels)('%s is bit-identical on 1, 2 and 3 threads', (_name, macs, run) => {
    expect(macs).toBeGreaterThanOrEqual(PARALLEL_MIN_MACS); // else it would not use the workers
    const one = withSettings(variant, 1, run);
    for (const threads of [2, 3]) {
      expectBitIdentical(withSettings(variant, threads, run), one);
    }
  });
});

it('uses the worker pool and matches the reference', () => {
  const got = withSettings('wasmsimd', 3, () => wasmBackend.matMul(a, b, 2, m, n, k, false, false));
  expect(getRuntime().workerCount).toBeGreaterThanOrEqual(2);
  expectAllClose(got, referenceBackend.matMul(a, b, 2, m, n, k, false, false));
});

it('surfaces a failing worker as a BackendError, and keeps working afterwards', () => {
  withSettings('wasmsimd', 2, () => {
    expect(() => getRuntime().run(OP_FAULT, true)).toThrow(BackendError);
    expect(() => getRuntime().run(OP_FAULT, true)).toThrow(/worker 1 failed: RuntimeError: unreachable/);
    const got = wasmBackend.matMul(a, b, 2, m, n, k, false, false);
    expectAllClose(got, referenceBackend.matMul(a, b, 2, m, n, k, false, false));
  });
});

it('surfaces a worker that cannot start as a BackendError, not a hang', () => {
  const api = wasmApi as NonNullable<typeof wasmApi>;
  // A module importing a function env.f, which the workers do not provide: instantiation fails.
  const unlinkable = new api.Module(new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
    0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00,
  ]));
  const pool = new WorkerPool(new api.Memory({ initial: 1, maximum: 1, shared: true }), [unlinkable]);
  const noop = (): void => undefined;
  expect(() => pool.run(noop, 0, OP_GEMM, JOB_OFFSET, 2)).toThrow(/worker 1 failed: could not instantiate the kernels/);
  expect(() => pool.run(noop, 0, OP_GEMM, JOB_OFFSET, 2)).toThrow(/worker pool is unusable/);
  expect(() => pool.run(noop, 0, OP_GEMM, JOB_OFFSET, 1)).not.toThrow(); // one thread needs no worker
});
